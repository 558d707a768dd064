package dev.orun.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import dev.orun.backend.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a group transaction whose jobs an instance has cached is decided from its cache and
 * checked under the locks in the request that writes it (docs/decisions/backend-group-commit.md).
 * Two instances on one database take turns on one run (verbs and log appends), so each finds the
 * run changed by the other since its own last write: the check refuses the cached decision,
 * nothing is written, and the verbs are decided again under the locks. Every answer, the event
 * log, the logs and the final state must be what the same requests give one by one on a single
 * instance that caches nothing (the embedded database), and both instances must have gone through
 * the refusal and through cached commits.
 */
class PostgresCachedGroupTransactionTest {
  private static final String STATE = Api.state("acme", "cache");
  private static final String RUN_ID = Runs.newRunId(); // the same run id on both databases
  private static final Map<String, List<String>> DAG = Runs.dag(
      "a", List.of(), "b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c"), "e", List.of());
  private static final Set<String> VOLATILE = Set.of("at", "leaseExpiresAt", "startedAt", "finishedAt", "createdAt",
      "updatedAt", "actor", "actorId", "createdBy", "requestId");
  private static final Pattern CACHED = Pattern.compile(
      "orun_cached_group_transactions_total\\{result=\"(\\w+)\"} (\\d+)");

  /** One verb (or log append): which instance (0 or 1) sends it, what, and the answer one by one gives. */
  private record Step(int instance, String job, String verb, String body, String expected) {}

  private static final List<Step> SCRIPT = List.of(
      new Step(0, "a", "claim", Runs.claimBody("r1"), "won 1"),
      new Step(0, "a", "heartbeat", Runs.leaseBody("r1", 1), "200"),
      new Step(1, "a", "heartbeat", Runs.leaseBody("r1", 1), "200"),
      new Step(1, "a", "log", logBody("r1", "compiling"), "200"),
      new Step(0, "a", "log", logBody("r1", "done"), "200"),
      new Step(0, "a", "log", logBody("r2", "not mine"), "409"),
      new Step(0, "a", "complete", Runs.completeBody("r1", 1, "succeeded"), "200"),
      new Step(1, "b", "claim", Runs.claimBody("r2"), "won 1"),
      new Step(0, "c", "claim", Runs.claimBody("r1"), "won 1"),
      new Step(0, "d", "claim", Runs.claimBody("r1"), "lost deps_not_ready"),
      new Step(1, "e", "claim", Runs.claimBody("r2"), "won 1"),
      new Step(1, "b", "complete", Runs.completeBody("r2", 1, "succeeded"), "200"),
      new Step(0, "c", "complete", Runs.completeBody("r1", 1, "succeeded"), "200"),
      new Step(-1, null, "advance", null, null), // every lease so far runs out
      new Step(1, "d", "claim", Runs.claimBody("r2"), "won 1"),
      new Step(0, "d", "claim", Runs.claimBody("r1"), "lost job_held"),
      new Step(0, "e", "claim", Runs.claimBody("r1"), "won 2"), // takes over r2's expired lease
      new Step(1, "e", "heartbeat", Runs.leaseBody("r2", 1), "409"),
      new Step(1, "e", "log", logBody("r1", "taken over"), "200"),
      new Step(1, "e", "complete", Runs.completeBody("r1", 2, "succeeded"), "200"),
      new Step(0, "d", "complete", Runs.completeBody("r2", 1, "succeeded"), "200"),
      new Step(1, "d", "complete", Runs.completeBody("r2", 1, "succeeded"), "200"),
      new Step(0, "a", "claim", Runs.claimBody("r3"), "lost run_terminal"));

  @Test
  void twoInstancesTakingTurnsGetTheAnswersOfOneByOneExecution() {
    try (TestDatabase postgres = PostgresTestDatabase.createOrSkip(); TestDatabase h2 = new H2TestDatabase()) {
      MutableClock pairClock = new MutableClock();
      MutableClock soloClock = new MutableClock();
      try (RunningBackend one = new RunningBackend(postgres, pairClock);
          RunningBackend two = new RunningBackend(postgres, pairClock);
          RunningBackend solo = new RunningBackend(h2, soloClock)) {
        String token = one.token("acme", "cache");
        List<Api> pair = List.of(one.api(token), two.api(token));
        Api reference = solo.api(solo.token("acme", "cache"));
        create(pair.get(0));
        create(reference);

        for (Step step : SCRIPT) {
          if (step.instance() < 0) {
            pairClock.advance(Duration.ofHours(1));
            soloClock.advance(Duration.ofHours(1));
            continue;
          }
          String path = step.verb().equals("log") ? STATE + "/runs/" + RUN_ID + "/logs/" + step.job()
              : STATE + "/runs/" + RUN_ID + "/jobs/" + step.job() + ":" + step.verb();
          Api.Response got = pair.get(step.instance()).post(path, step.body());
          Api.Response oneByOne = reference.post(path, step.body());
          String what = step.verb() + " " + step.job() + " on instance " + step.instance();
          assertThat(summary(got)).as(what).isEqualTo(step.expected());
          assertThat(got.status()).as(what).isEqualTo(oneByOne.status());
          assertThat(stripped(got.json())).as(what).isEqualTo(stripped(oneByOne.json()));
        }

        String run = STATE + "/runs/" + RUN_ID;
        for (Api api : pair) {
          assertThat(stripped(events(api, run))).isEqualTo(stripped(events(reference, run)));
          assertThat(stripped(api.get(run + "/jobs").data())).isEqualTo(stripped(reference.get(run + "/jobs").data()));
          assertThat(api.get(run).data().get("run").get("status").asText()).isEqualTo("succeeded");
          for (String job : List.of("a", "e")) {
            assertThat(stripped(api.get(run + "/logs/" + job + "?fromSeq=0").json()))
                .isEqualTo(stripped(reference.get(run + "/logs/" + job + "?fromSeq=0").json()));
          }
        }
        for (Api api : pair) {
          Map<String, Long> cached = cachedTransactions(api);
          assertThat(cached.getOrDefault("stale", 0L)).as("cached decisions refused by the check").isPositive();
          assertThat(cached.getOrDefault("committed", 0L)).as("cached decisions committed").isPositive();
        }
        assertThat(cachedTransactions(reference)).as("the embedded database decides under the locks").isEmpty();
      }
    }
  }

  private static String logBody(String runner, String content) {
    return "{\"runnerId\":\"" + runner + "\",\"content\":\"" + content + "\"}";
  }

  private static void create(Api api) {
    byte[] plan = "{\"plan\":\"cached group transactions\"}".getBytes(StandardCharsets.UTF_8);
    String digest = Runs.digest(plan);
    assertThat(api.put(STATE + "/objects/" + digest, plan).status()).isIn(200, 201);
    assertThat(api.post(STATE + "/runs", Runs.createBody(RUN_ID, digest, DAG)).status()).isEqualTo(201);
  }

  /** "won EPOCH", "lost REASON" or the HTTP status. */
  private static String summary(Api.Response r) {
    if (r.status() != 200 || !r.json().has("claimed")) {
      return String.valueOf(r.status());
    }
    JsonNode claim = r.json();
    return claim.get("claimed").asBoolean() ? "won " + claim.get("leaseEpoch").asLong()
        : "lost " + claim.get("reason").asText();
  }

  private static JsonNode events(Api api, String run) {
    ArrayNode all = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    long from = 0;
    while (true) {
      JsonNode page = api.get(run + "/log?from=" + from).json();
      page.get("events").forEach(all::add);
      if (page.get("events").isEmpty()) {
        return all;
      }
      from = all.get(all.size() - 1).get("seq").asLong();
      if (from >= page.get("head").get("seq").asLong()) {
        return all;
      }
    }
  }

  /** The node without the fields that depend on the clock or on who the token's holder is. */
  private static JsonNode stripped(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
        if (VOLATILE.contains(names.next())) {
          names.remove();
        }
      }
    }
    node.forEach(PostgresCachedGroupTransactionTest::strip);
  }

  private static Map<String, Long> cachedTransactions(Api api) {
    Matcher m = CACHED.matcher(api.withToken(null).get("/metrics").text());
    Map<String, Long> out = new java.util.TreeMap<>();
    while (m.find()) {
      out.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return out;
  }
}
