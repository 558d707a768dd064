package dev.orun.backend.process;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static dev.orun.backend.testing.Runs.leaseBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.BackendProcess;
import dev.orun.backend.testing.Runs;
import dev.orun.backend.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code orun-backend serve} as a real process, stopped with SIGTERM mid-run and started again on
 * the same database: nothing is lost and the lease holder keeps its lease. The token is created
 * with the {@code token create} command while the server runs on the same database.
 */
abstract class RestartContract {
  private static final String STATE = Api.state("acme", "web");

  private TestDatabase database;

  abstract TestDatabase newDatabase();

  /** {@code --data DIR} or {@code --database-url URL}. */
  abstract List<String> databaseArgs(TestDatabase db);

  @BeforeEach
  void createDatabase() {
    database = newDatabase();
  }

  @AfterEach
  void dropDatabase() {
    if (database != null) { // null when the database's test was skipped (no PostgreSQL here)
      database.close();
    }
  }

  @Test
  void aRestartMidRunLosesNothingAndKeepsLeases() throws Exception {
    String token;
    String runId;
    String beforeEvents;
    try (BackendProcess first = BackendProcess.serve(databaseArgs(database))) {
      List<String> create = new java.util.ArrayList<>(List.of("token", "create", "--org", "acme", "--project", "web"));
      create.addAll(databaseArgs(database));
      BackendProcess.Result made = BackendProcess.cli(create.toArray(String[]::new));
      assertThat(made.exitCode()).as(made.stderr()).isZero();
      token = made.stdout().trim();
      assertThat(token).startsWith("orun_sk_");
      Api api = new Api(first.url(), token);
      runId = Runs.create(api, STATE, Runs.dag("a@dev.x", List.of(), "b@dev.x", List.of("a@dev.x")));
      assertThat(api.post(STATE + "/runs/" + runId + "/jobs/a@dev.x:claim", claimBody("r1")).json()
          .get("claimed").asBoolean()).isTrue();
      api.post(STATE + "/runs/" + runId + "/logs/a@dev.x", "{\"runnerId\":\"r1\",\"content\":\"before restart\\n\"}");
      beforeEvents = api.get(STATE + "/runs/" + runId + "/log?from=0").json().get("events").toString();
      assertThat(first.stop()).as("graceful stop exit code").isIn(0, 143);
    }
    try (BackendProcess second = BackendProcess.serve(databaseArgs(database))) {
      Api api = new Api(second.url(), token);
      String run = STATE + "/runs/" + runId;
      assertThat(api.get(run + "/log?from=0").json().get("events").toString()).isEqualTo(beforeEvents);
      JsonNode a = api.get(run + "/jobs").data().get("jobs").get(0);
      assertThat(a.get("status").asText()).isEqualTo("claimed");
      assertThat(a.get("runnerId").asText()).isEqualTo("r1");
      assertThat(api.get(run + "/logs/a@dev.x").data().get("content").asText()).isEqualTo("before restart\n");
      assertThat(api.post(run + "/jobs/a@dev.x:heartbeat", leaseBody("r1", 1)).status())
          .as("the holder keeps its lease across the restart").isEqualTo(200);
      assertThat(api.post(run + "/jobs/a@dev.x:claim", claimBody("r2")).json().get("reason").asText())
          .isEqualTo("job_held");
      assertThat(api.post(run + "/jobs/a@dev.x:complete", completeBody("r1", 1, "succeeded")).status()).isEqualTo(200);
      assertThat(api.post(run + "/jobs/b@dev.x:claim", claimBody("r2")).json().get("claimed").asBoolean()).isTrue();
    }
  }
}
