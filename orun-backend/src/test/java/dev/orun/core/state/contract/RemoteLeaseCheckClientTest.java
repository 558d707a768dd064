package dev.orun.core.state.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.remote.client.RemoteStateBackend;
import dev.orun.remote.client.StateHttp;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease check before a step (docs/decisions/remote-state-client.md): a step that starts
 * moments after the server confirmed the lease (the claim, or a heartbeat) starts without another
 * request; one that starts later, when the holder may have stalled, is confirmed by a heartbeat
 * first, and refused when the job was taken over meanwhile. The client's clock here moves with the
 * server's, as a stalled process sees both move.
 */
class RemoteLeaseCheckClientTest {
  private static final String JOB = "api@dev.build";
  private static final String EXEC_ID = "lease-check-1";

  private H2TestDatabase database;
  private RunningBackend backend;
  private String token;
  private final AtomicLong stalledNanos = new AtomicLong();
  private final List<RemoteStateBackend> runners = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
    token = backend.token("acme", "web");
  }

  @AfterEach
  void stop() {
    runners.forEach(RemoteStateBackend::close);
    backend.close();
    database.close();
  }

  @Test
  void aStepRightAfterTheClaimStartsWithoutAHeartbeatAndALaterOneIsConfirmedFirst() throws Exception {
    RemoteStateBackend runner = runner("runner-1");
    ClaimToken held = runner.claim(JOB, Duration.ofSeconds(60)).token();

    runner.stepStarted(held, "compile", Instant.now());
    runner.openLog(held, "compile").close();
    assertThat(renewals(runner)).as("the claim moments ago confirmed the lease").isZero();

    stall(Duration.ofSeconds(5)); // well within the 60 s lease, but no longer "moments ago"
    runner.stepStarted(held, "test", Instant.now());
    runner.openLog(held, "test").close();
    assertThat(renewals(runner)).as("one heartbeat before the second step, none for its log").isEqualTo(1);
  }

  @Test
  void aStepAfterAStallLongerThanTheLeaseIsRefusedOnceAnotherRunnerTookTheJob() {
    RemoteStateBackend slow = runner("runner-slow");
    ClaimToken stale = slow.claim(JOB, Duration.ofSeconds(60)).token();
    RemoteStateBackend other = runner("runner-other");

    stall(Duration.ofSeconds(61));
    assertThat(other.claim(JOB, Duration.ofSeconds(60)).isClaimed()).as("taken over").isTrue();

    assertThatThrownBy(() -> slow.stepStarted(stale, "compile", Instant.now()))
        .isInstanceOf(LeaseLostException.class);
    assertThatThrownBy(() -> slow.openLog(stale, "compile")).isInstanceOf(LeaseLostException.class);
  }

  /** Time passes for the server and for the runners alike (no sleeping). */
  private void stall(Duration by) {
    backend.clock.advance(by);
    stalledNanos.addAndGet(by.toNanos());
  }

  private RemoteStateBackend runner(String runnerId) {
    RemoteStateBackend runner;
    try {
      runner = new RemoteStateBackend(new StateHttp(backend.url(), "acme", "web", () -> token), EXEC_ID, runnerId,
          Files.createTempDirectory("orun-remote-lease-check-"), () -> System.nanoTime() + stalledNanos.get());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    runners.add(runner);
    Plan plan = StateBackendContract.plan(List.of(StateBackendContract.job(JOB)));
    runner.open(new RunDescriptor(EXEC_ID, plan, "local", "manual", "test"));
    return runner;
  }

  private long renewals(RemoteStateBackend runner) {
    JsonNode events = new Api(backend.url(), token)
        .get(Api.state("acme", "web") + "/runs/" + runner.wireRunId() + "/log?from=0").json().get("events");
    long count = 0;
    for (JsonNode e : events) {
      if ("state.job.lease_renewed".equals(e.path("kind").asText())) {
        count++;
      }
    }
    return count;
  }
}
