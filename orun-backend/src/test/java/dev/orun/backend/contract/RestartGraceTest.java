package dev.orun.backend.contract;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static dev.orun.backend.testing.Runs.leaseBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.Runs;
import dev.orun.backend.testing.RunningBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that was down longer than a lease does not take jobs from runners that could not renew
 * while it was down: for one lease after it starts, the holder may renew and complete and nobody
 * else may claim; a holder that stays silent is taken over after that.
 */
class RestartGraceTest {
  private static final String STATE = Api.state("acme", "web");

  @Test
  void leasesThatRanOutWhileTheServerWasDownSurviveForOneLeaseAfterItStarts() {
    MutableClock clock = new MutableClock();
    H2TestDatabase database = new H2TestDatabase();
    String run;
    String token;
    try (RunningBackend before = new RunningBackend(database, clock)) {
      token = before.token("acme", "web");
      Api api = before.api(token);
      run = Runs.create(api, STATE, Runs.dag("a@dev.x", List.of(), "b@dev.x", List.of()));
      assertThat(api.post(verb(run, "a@dev.x", "claim"), claimBody("r1")).json().get("claimed").asBoolean()).isTrue();
      assertThat(api.post(verb(run, "b@dev.x", "claim"), claimBody("r1")).json().get("claimed").asBoolean()).isTrue();
    }
    clock.advance(Duration.ofSeconds(90)); // down for longer than the 60 s lease
    try (RunningBackend after = new RunningBackend(database, clock)) {
      Api api = after.api(token);
      assertThat(after.server.leaseSweeper().sweep()).as("nothing swept right after the start").isZero();
      assertThat(api.post(verb(run, "a@dev.x", "claim"), claimBody("r2")).json().get("reason").asText())
          .isEqualTo("job_held");
      assertThat(api.post(verb(run, "a@dev.x", "heartbeat"), leaseBody("r1", 1)).status()).isEqualTo(200);
      assertThat(api.post(verb(run, "a@dev.x", "complete"), completeBody("r1", 1, "succeeded")).status())
          .as("a completion retried across the restart is accepted").isEqualTo(200);

      clock.advance(Duration.ofSeconds(61)); // b's holder never came back
      assertThat(after.server.leaseSweeper().sweep()).isEqualTo(1);
      assertThat(api.post(verb(run, "b@dev.x", "claim"), claimBody("r2")).json().get("claimed").asBoolean()).isTrue();
      assertThat(api.post(verb(run, "b@dev.x", "heartbeat"), leaseBody("r1", 1)).status()).isEqualTo(409);
    } finally {
      database.close();
    }
  }

  private static String verb(String runId, String jobId, String verb) {
    return STATE + "/runs/" + runId + "/jobs/" + jobId + ":" + verb;
  }
}
