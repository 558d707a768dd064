package dev.orun.backend.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.BackendProcess;
import dev.orun.backend.testing.Runs;
import dev.orun.backend.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two backend processes on one database and 16 client threads racing to claim every job of a
 * 200-job random DAG: each (job, epoch) has exactly one winner, no job is claimed before all its
 * dependencies succeeded, and every job ends succeeded.
 */
abstract class ClaimRaceContract {
  private static final String STATE = Api.state("acme", "race");
  private static final int THREADS = 16;
  private static final int JOBS = 200;

  abstract TestDatabase newDatabase();

  abstract List<String> databaseArgs(TestDatabase db);

  @Test
  void everyJobIsWonOnceAndOnlyAfterItsDependencies() throws Exception {
    try (TestDatabase database = newDatabase()) {
      String token;
      try (Database db = database.open()) {
        db.migrate();
        token = new TokenService(db, Clock.systemUTC()).issue(Principal.API, new Scope("acme", "race"), "race", null,
            null).token();
      }
      try (BackendProcess one = BackendProcess.serve(databaseArgs(database));
          BackendProcess two = BackendProcess.serve(databaseArgs(database))) {
        List<Api> servers = List.of(new Api(one.url(), token), new Api(two.url(), token));
        Map<String, List<String>> dag = randomDag(new Random(42));
        String runId = Runs.create(servers.get(0), STATE, dag);
        String run = STATE + "/runs/" + runId;
        Map<String, List<String>> winners = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Api api = servers.get(t % 2);
          String runner = "runner-" + t;
          Random random = new Random(t);
          workers.add(pool.submit(() -> work(api, run, runner, random, winners)));
        }
        for (Future<?> w : workers) {
          w.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Api api = servers.get(1);
        winners.forEach((jobEpoch, who) -> assertThat(who).as("winners of %s", jobEpoch).hasSize(1));
        assertThat(winners.keySet()).hasSize(JOBS);
        List<JsonNode> events = allEvents(api, run);
        for (int i = 0; i < events.size(); i++) {
          assertThat(events.get(i).get("seq").asLong()).as("gap-free event log").isEqualTo(i + 1);
        }
        Map<String, Long> succeededAt = new HashMap<>();
        Map<String, Integer> claims = new HashMap<>();
        for (JsonNode e : events) {
          String job = e.path("jobId").asText(null);
          switch (e.get("kind").asText()) {
            case "state.job.claimed" -> {
              claims.merge(job, 1, Integer::sum);
              for (String dep : dag.get(job)) {
                assertThat(succeededAt).as("%s claimed at seq %d before its dependency %s succeeded", job,
                    e.get("seq").asLong(), dep).containsKey(dep);
              }
            }
            case "state.job.succeeded" -> succeededAt.put(job, e.get("seq").asLong());
            default -> { }
          }
        }
        assertThat(claims.values()).as("one claimed event per job").containsOnly(1);
        assertThat(succeededAt).hasSize(JOBS);
        for (JsonNode j : api.get(run + "/jobs").data().get("jobs")) {
          assertThat(j.get("status").asText()).as(j.get("jobId").asText()).isEqualTo("succeeded");
        }
        assertThat(api.get(run).data().get("run").get("status").asText()).isEqualTo("succeeded");
      }
    }
  }

  /** Claim whatever the frontier offers, in random order; complete what is won; stop when the run is done. */
  private static Void work(Api api, String run, String runner, Random random, Map<String, List<String>> winners) {
    while (true) {
      List<String> frontier = new ArrayList<>();
      api.get(run + "/frontier").json().get("jobs").forEach(j -> frontier.add(j.asText()));
      if (frontier.isEmpty()) {
        String status = api.get(run).data().get("run").get("status").asText();
        if (status.equals("succeeded") || status.equals("failed")) {
          return null;
        }
        pause();
        continue;
      }
      Collections.shuffle(frontier, random);
      for (String job : frontier.subList(0, Math.min(3, frontier.size()))) {
        Api.Response r = api.post(run + "/jobs/" + job + ":claim", Runs.claimBody(runner));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode claim = r.json();
        if (claim.get("claimed").asBoolean()) {
          long epoch = claim.get("leaseEpoch").asLong();
          winners.computeIfAbsent(job + "#" + epoch, k -> Collections.synchronizedList(new ArrayList<>())).add(runner);
          Api.Response done = api.post(run + "/jobs/" + job + ":complete", Runs.completeBody(runner, epoch, "succeeded"));
          assertThat(done.status()).as("%s", done).isEqualTo(200);
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<JsonNode> allEvents(Api api, String run) {
    List<JsonNode> out = new ArrayList<>();
    long from = 0;
    while (true) {
      JsonNode page = api.get(run + "/log?from=" + from).json();
      page.get("events").forEach(out::add);
      if (page.get("events").isEmpty() || out.get(out.size() - 1).get("seq").asLong() >= page.get("head").get("seq")
          .asLong()) {
        return out;
      }
      from = out.get(out.size() - 1).get("seq").asLong();
    }
  }

  /** Job i depends on 0–3 random jobs among the 25 before it. */
  static Map<String, List<String>> randomDag(Random random) {
    Map<String, List<String>> dag = new LinkedHashMap<>();
    for (int i = 0; i < JOBS; i++) {
      Set<String> deps = new java.util.TreeSet<>();
      int n = i == 0 ? 0 : random.nextInt(4);
      for (int k = 0; k < n; k++) {
        deps.add(String.format("job%03d@dev.x", Math.max(0, i - 1 - random.nextInt(Math.min(i, 25)))));
      }
      dag.put(String.format("job%03d@dev.x", i), new ArrayList<>(deps));
    }
    return dag;
  }
}
