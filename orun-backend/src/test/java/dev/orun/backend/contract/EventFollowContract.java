package dev.orun.backend.contract;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Following a run's event log: whatever a server keeps in memory for a run's followers, every page
 * it answers is exactly what the database holds, also when another instance on the same database
 * appended the events (docs/decisions/backend-event-tail.md).
 */
abstract class EventFollowContract extends ContractBase {
  private static final Map<String, List<String>> THREE = Runs.dag("a@dev.x", List.of(), "b@dev.x",
      List.of("a@dev.x"), "c@dev.x", List.of());

  @Test
  void followersAreServedExactlyTheEventsTheLogHoldsWhoeverAppendedThem() throws Exception {
    String runId = Runs.create(api, STATE, THREE);
    String log = run(runId) + "/log?from=";
    long created = api.get(log + "0").json().get("head").get("seq").asLong();
    try (RunningBackend other = new RunningBackend(database, clock)) { // a second instance, same database
      Api viaOther = other.api(other.token(ORG, PROJECT));
      CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(
          () -> api.get(log + created + "&wait=20").json());
      long epoch = viaOther.post(verb(runId, "a@dev.x", "claim"), claimBody("r1")).json().get("leaseEpoch").asLong();
      JsonNode woke = waiting.get(30, TimeUnit.SECONDS);
      assertThat(woke.get("events")).as("the wait sees the other instance's commit, not the timeout").isNotEmpty();
      assertThat(woke.get("events").get(0).get("seq").asLong()).isEqualTo(created + 1);
      viaOther.post(verb(runId, "a@dev.x", "complete"), completeBody("r1", epoch, "succeeded"));
    }
    long c = api.post(verb(runId, "c@dev.x", "claim"), claimBody("r2")).json().get("leaseEpoch").asLong();
    api.get(log + "0");
    api.post(verb(runId, "c@dev.x", "complete"), completeBody("r2", c, "failed"));

    try (RunningBackend fresh = new RunningBackend(database, clock)) { // has read nothing: the database alone
      Api.Response truth = fresh.api(fresh.token(ORG, PROJECT)).get(log + "0");
      JsonNode all = truth.json().get("events");
      long head = truth.json().get("head").get("seq").asLong();
      assertThat(head).isEqualTo(all.size()).isGreaterThan(created + 3);
      assertThat(api.get(log + "0").text()).isEqualTo(truth.text());
      for (long from = 0; from <= head; from++) {
        JsonNode page = api.get(log + from).json();
        assertThat(page.get("head").get("seq").asLong()).isEqualTo(head);
        assertThat(page.get("events")).as("events after %d", from).hasSize((int) (head - from));
        for (int i = 0; i < head - from; i++) {
          assertThat(page.get("events").get(i)).isEqualTo(all.get((int) from + i));
        }
      }
    }
  }

  @Test
  void aFollowerWithNothingNewWaitsAndIsToldTheHead() {
    String runId = Runs.create(api, STATE, THREE);
    JsonNode page = api.get(run(runId) + "/log?from=1").json();
    assertThat(page.get("events")).isEmpty();
    assertThat(page.get("head").get("seq").asLong()).isEqualTo(1);
    JsonNode beyond = api.get(run(runId) + "/log?from=99&wait=1").json();
    assertThat(beyond.get("events")).as("a cursor beyond the head (another server's log)").isEmpty();
    assertThat(beyond.get("head").get("seq").asLong()).isEqualTo(1);
  }
}
