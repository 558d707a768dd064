package dev.orun.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Health, readiness, Prometheus metrics and graceful shutdown. */
class OperationsTest {
  private static final String STATE = Api.state("acme", "web");

  private H2TestDatabase database;
  private RunningBackend backend;
  private Api api;

  @BeforeEach
  void start() {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
    api = backend.api(backend.token("acme", "web"));
  }

  @AfterEach
  void stop() {
    backend.close();
    database.close();
  }

  @Test
  void healthAndReadinessAnswerWithoutAToken() {
    Api anonymous = api.withToken(null);
    assertThat(anonymous.get("/healthz").json().get("status").asText()).isEqualTo("ok");
    assertThat(anonymous.get("/readyz").json().get("status").asText()).isEqualTo("ready");
  }

  @Test
  void metricsCountClaimsConflictsTakeoversAndRequestLatency() {
    String run = STATE + "/runs/" + Runs.create(api, STATE, Runs.dag("a", List.of()));
    api.post(run + "/jobs/a:claim", Runs.claimBody("r1"));
    api.post(run + "/jobs/a:claim", Runs.claimBody("r2"));
    backend.clock.advance(Duration.ofSeconds(61));
    api.post(run + "/jobs/a:claim", Runs.claimBody("r2"));
    String metrics = api.withToken(null).get("/metrics").text();
    assertThat(metrics).contains("orun_claims_total{result=\"won\"} 2")
        .contains("orun_claims_total{result=\"job_held\"} 1")
        .contains("orun_claim_conflicts_total 1")
        .contains("orun_lease_takeovers_total 1")
        .contains("orun_http_request_duration_seconds_count{method=\"POST\",route=\""
            + "/v1/organizations/{org}/projects/{project}/state/runs/{runId}/jobs/{jobVerb}\",status=\"200\"} 3");
  }

  @Test
  void shutdownAnswersAnInFlightLongPollPromptly() throws Exception {
    String run = STATE + "/runs/" + Runs.create(api, STATE, Runs.dag("a", List.of()));
    CompletableFuture<Api.Response> poll = CompletableFuture.supplyAsync(() -> api.get(run + "/log?from=1&wait=20"));
    Thread.sleep(500);
    long t0 = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(backend.server::close);
    Api.Response answered = poll.get(10, TimeUnit.SECONDS);
    assertThat(answered.status()).as("the in-flight long-poll is answered, not cut off").isEqualTo(200);
    JsonNode page = answered.json();
    assertThat(page.get("events")).isEmpty();
    closing.get(10, TimeUnit.SECONDS);
    assertThat((System.nanoTime() - t0) / 1_000_000).as("shutdown does not wait out the 20 s poll").isLessThan(8_000);
  }
}
