package dev.orun.backend.contract;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static dev.orun.backend.testing.Runs.leaseBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.Runs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dialect B: claim, heartbeat, complete, frontier, takeovers and the sweep, with their exact bodies. */
abstract class CoordinationContract extends ContractBase {

  private String chain() {
    return Runs.create(api, STATE, Runs.dag("a@dev.build", List.of(), "b@dev.build", List.of("a@dev.build"),
        "c@dev.build", List.of("a@dev.build")));
  }

  @Test
  void aClaimOnAReadyJobWinsALeaseInAFlatBody() {
    String run = chain();
    Api.Response r = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode b = r.json();
    assertThat(b.has("data")).as("dialect B bodies are flat").isFalse();
    assertThat(b.get("claimed").asBoolean()).isTrue();
    assertThat(b.get("leaseEpoch").asLong()).isEqualTo(1);
    assertThat(b.get("attempt").asInt()).isEqualTo(1);
    assertThat(b.get("leaseSeconds").asInt()).isEqualTo(60);
    assertThat(b.get("heartbeatIntervalSeconds").asInt()).isEqualTo(20);
    assertThat(b.get("seq").asLong()).isEqualTo(2); // 1 is state.run.created
    assertThat(Instant.parse(b.get("leaseExpiresAt").asText())).isAfter(clock.instant().plusSeconds(50));
  }

  @Test
  void losingClaimsAreHttp200WithAReason() {
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    assertThat(api.post(verb(run, "a@dev.build", "claim"), claimBody("r2")).json().toString())
        .isEqualTo("{\"claimed\":false,\"reason\":\"job_held\"}");
    Api.Response blocked = api.post(verb(run, "b@dev.build", "claim"), claimBody("r2"));
    assertThat(blocked.status()).isEqualTo(200);
    assertThat(blocked.json().get("reason").asText()).isEqualTo("deps_not_ready");
    assertThat(api.post(verb(run, "zzz@dev.build", "claim"), claimBody("r2")).json().get("reason").asText())
        .isEqualTo("not_found");
  }

  @Test
  void theHolderAskingAgainGetsItsOwnLeaseBack() {
    String run = chain();
    JsonNode first = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1")).json();
    JsonNode again = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1")).json();
    assertThat(again.get("claimed").asBoolean()).isTrue();
    assertThat(again.get("leaseEpoch")).isEqualTo(first.get("leaseEpoch"));
    assertThat(again.get("leaseExpiresAt")).isEqualTo(first.get("leaseExpiresAt"));
  }

  @Test
  void aClaimOnAnUnknownRunIs404() {
    Api.Response r = api.post(verb(Runs.newRunId(), "a@dev.build", "claim"), claimBody("r1"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
  }

  @Test
  void theFrontierOfAnUnknownRunIs404AndOfARunWithNothingReadyIsEmpty() {
    Api.Response unknown = api.get(run(Runs.newRunId()) + "/frontier");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("not_found");
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    Api.Response nothingReady = api.get(run(run) + "/frontier");
    assertThat(nothingReady.status()).isEqualTo(200);
    assertThat(nothingReady.json().get("jobs")).isEmpty();
  }

  @Test
  void onlyTheLeaseHolderMayHeartbeat() {
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    Api.Response ok = api.post(verb(run, "a@dev.build", "heartbeat"), leaseBody("r1", 1));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("leaseSeconds").asInt()).isEqualTo(60);
    assertThat(ok.json().get("heartbeatIntervalSeconds").asInt()).isEqualTo(20);
    Api.Response wrongEpoch = api.post(verb(run, "a@dev.build", "heartbeat"), leaseBody("r1", 2));
    assertThat(wrongEpoch.status()).isEqualTo(409);
    assertThat(wrongEpoch.errorCode()).isEqualTo("lease_lost");
    assertThat(api.post(verb(run, "a@dev.build", "heartbeat"), leaseBody("r2", 1)).status()).isEqualTo(409);
  }

  @Test
  void completingUnblocksDependentsAndIsIdempotent() {
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    assertThat(api.post(verb(run, "a@dev.build", "complete"), completeBody("r2", 1, "succeeded")).status())
        .as("a non-holder cannot complete").isEqualTo(409);
    Api.Response done = api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", 1, "succeeded"));
    assertThat(done.status()).isEqualTo(200);
    long seq = done.json().get("seq").asLong();
    assertThat(seq).isEqualTo(3);
    Api.Response replay = api.post(verb(run, "a@dev.build", "complete"), completeBody("r9", 7, "failed"));
    assertThat(replay.status()).as("completing a terminal job is a no-op for anyone").isEqualTo(200);
    assertThat(api.get(run(run) + "/jobs").data().get("jobs").get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(api.post(verb(run, "a@dev.build", "claim"), claimBody("r3")).json().get("reason").asText())
        .isEqualTo("run_terminal");
    assertThat(api.get(run(run) + "/frontier").json().toString())
        .isEqualTo("{\"jobs\":[\"b@dev.build\",\"c@dev.build\"]}");
  }

  @Test
  void aJobJoinsTheFrontierOnlyOnceEveryDependencySucceeded() {
    String run = Runs.create(api, STATE, Runs.dag("a@dev.build", List.of(), "b@dev.build", List.of(),
        "c@dev.build", List.of("a@dev.build", "b@dev.build")));
    assertThat(frontier(run)).isEqualTo("[\"a@dev.build\",\"b@dev.build\"]");
    long a = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1")).json().get("leaseEpoch").asLong();
    api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", a, "succeeded"));
    assertThat(frontier(run)).as("c still waits for b").isEqualTo("[\"b@dev.build\"]");
    long b = api.post(verb(run, "b@dev.build", "claim"), claimBody("r2")).json().get("leaseEpoch").asLong();
    assertThat(frontier(run)).as("b is claimed, not queued").isEqualTo("[]");
    api.post(verb(run, "b@dev.build", "complete"), completeBody("r2", b, "succeeded"));
    api.post(verb(run, "b@dev.build", "complete"), completeBody("r2", b, "succeeded"));
    assertThat(frontier(run)).as("a replayed completion counts once").isEqualTo("[\"c@dev.build\"]");
  }

  @Test
  void runsWithTheSameJobIdsKeepTheirOwnDependencies() {
    // The server remembers who depends on whom per run (docs/decisions/backend-throughput.md):
    // the same ids wired the other way round in another run must not borrow that knowledge.
    String forward = Runs.create(api, STATE, Runs.dag("a@dev.build", List.of(), "b@dev.build", List.of("a@dev.build")));
    String backward = Runs.create(api, STATE, Runs.dag("a@dev.build", List.of("b@dev.build"), "b@dev.build",
        List.of()));
    claimAndSucceed(forward, "a@dev.build", "r1");
    assertThat(frontier(forward)).isEqualTo("[\"b@dev.build\"]");
    assertThat(frontier(backward)).isEqualTo("[\"b@dev.build\"]");
    claimAndSucceed(backward, "b@dev.build", "r2");
    assertThat(frontier(backward)).isEqualTo("[\"a@dev.build\"]");
    assertThat(frontier(forward)).as("b of the first run is untouched by b of the second").isEqualTo("[\"b@dev.build\"]");
  }

  @Test
  void aJobMemoizedOnClaimUnblocksItsDependentsLikeASuccess() {
    String hash = "sha256:" + "1".repeat(64);
    byte[] output = ("result of a " + Runs.newRunId()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String result = Runs.digest(output);
    assertThat(api.put(STATE + "/objects/" + result, output).status()).isEqualTo(201);
    String first = chain();
    long a = api.post(verb(first, "a@dev.build", "claim"), claimBody("r1")).json().get("leaseEpoch").asLong();
    api.post(verb(first, "a@dev.build", "complete"), "{\"runnerId\":\"r1\",\"leaseEpoch\":" + a
        + ",\"outcome\":\"succeeded\",\"resultDigest\":\"" + result + "\",\"jobInputHash\":\"" + hash + "\"}");
    String second = chain();
    JsonNode memo = api.post(verb(second, "a@dev.build", "claim"), "{\"runnerId\":\"r2\",\"hermetic\":true,"
        + "\"jobInputHash\":\"" + hash + "\"}").json();
    assertThat(memo.get("claimed").asBoolean()).isFalse();
    assertThat(memo.get("cached").asBoolean()).isTrue();
    assertThat(memo.get("result").get("digest").asText()).isEqualTo(result);
    assertThat(frontier(second)).isEqualTo("[\"b@dev.build\",\"c@dev.build\"]");
  }

  private void claimAndSucceed(String run, String job, String runner) {
    long epoch = api.post(verb(run, job, "claim"), claimBody(runner)).json().get("leaseEpoch").asLong();
    assertThat(api.post(verb(run, job, "complete"), completeBody(runner, epoch, "succeeded")).status()).isEqualTo(200);
  }

  @Test
  void aFailedDependencyKeepsItsDependentsOffTheFrontier() {
    String run = chain();
    long a = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1")).json().get("leaseEpoch").asLong();
    api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", a, "failed"));
    assertThat(frontier(run)).isEqualTo("[]");
    JsonNode retried = api.post(verb(run, "a@dev.build", "claim"), "{\"runnerId\":\"r1\",\"retry\":true}").json();
    api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", retried.get("leaseEpoch").asLong(),
        "succeeded"));
    assertThat(frontier(run)).as("the retried job succeeded").isEqualTo("[\"b@dev.build\",\"c@dev.build\"]");
  }

  @Test
  void concurrentVerbsOnOneRunAreDecidedAsIfOneByOne() throws Exception {
    Object[] dag = new Object[2 * 24];
    for (int i = 0; i < 24; i++) {
      dag[2 * i] = "j" + i + "@dev.build";
      dag[2 * i + 1] = List.of();
    }
    String run = Runs.create(api, STATE, Runs.dag(dag));
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.ConcurrentLinkedQueue<String> wins = new java.util.concurrent.ConcurrentLinkedQueue<>();
    java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (int t = 0; t < 8; t++) {
      String runner = "r" + t;
      threads.add(new Thread(() -> {
        try {
          claimHeartbeatComplete(run, runner, wins);
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).isEmpty();
    assertThat(wins).as("each job won exactly once").hasSize(24).doesNotHaveDuplicates();
    JsonNode events = api.get(run(run) + "/log?from=0").json().get("events");
    List<Long> seqs = new ArrayList<>();
    events.forEach(e -> seqs.add(e.get("seq").asLong()));
    assertThat(seqs).as("gap-free: created, 24 x (claimed, renewed, succeeded), run completed").hasSize(2 + 72);
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(i + 1L);
    }
    assertThat(api.get(run(run)).data().get("run").get("status").asText()).isEqualTo("succeeded");
  }

  private void claimHeartbeatComplete(String run, String runner, java.util.Collection<String> wins) {
    for (int i = 0; i < 24; i++) {
      String job = "j" + i + "@dev.build";
      JsonNode c = api.post(verb(run, job, "claim"), claimBody(runner)).json();
      if (c.get("claimed").asBoolean()) {
        wins.add(job);
        long epoch = c.get("leaseEpoch").asLong();
        assertThat(api.post(verb(run, job, "heartbeat"), leaseBody(runner, epoch)).status()).isEqualTo(200);
        assertThat(api.post(verb(run, job, "complete"), completeBody(runner, epoch, "succeeded")).status())
            .isEqualTo(200);
      }
    }
  }

  private String frontier(String run) {
    return api.get(run(run) + "/frontier").json().get("jobs").toString();
  }

  @Test
  void anExpiredLeaseIsTakenOverWithTheNextEpochAndTheOldHolderIsFenced() {
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    clock.advance(Duration.ofSeconds(61));
    JsonNode takeover = api.post(verb(run, "a@dev.build", "claim"), claimBody("r2")).json();
    assertThat(takeover.get("claimed").asBoolean()).isTrue();
    assertThat(takeover.get("attempt").asInt()).isEqualTo(2);
    assertThat(takeover.get("leaseEpoch").asLong()).isEqualTo(2);
    assertThat(api.post(verb(run, "a@dev.build", "heartbeat"), leaseBody("r1", 1)).status()).isEqualTo(409);
    assertThat(api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", 1, "succeeded")).status())
        .isEqualTo(409);
    assertThat(api.post(verb(run, "a@dev.build", "complete"), completeBody("r2", 2, "succeeded")).status())
        .isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    api.get(run(run) + "/log?from=0").json().get("events").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsExactly("state.run.created", "state.job.claimed", "state.job.lease_expired",
        "state.job.claimed", "state.job.succeeded");
  }

  @Test
  void theSweepRequeuesLapsedLeasesAndTimesOutAfterFiveAttempts() {
    String run = Runs.create(api, STATE, Runs.dag("solo@dev.x", List.of()));
    for (int attempt = 1; attempt <= 5; attempt++) {
      JsonNode claim = api.post(verb(run, "solo@dev.x", "claim"), claimBody("r" + attempt)).json();
      assertThat(claim.get("attempt").asInt()).isEqualTo(attempt);
      clock.advance(Duration.ofSeconds(61));
      assertThat(backend.server.leaseSweeper().sweep()).isGreaterThanOrEqualTo(1);
      JsonNode job = api.get(run(run) + "/jobs").data().get("jobs").get(0);
      if (attempt < 5) {
        assertThat(job.get("status").asText()).isEqualTo("queued");
        assertThat(job.get("attempt").asInt()).isEqualTo(attempt + 1);
      } else {
        assertThat(job.get("status").asText()).isEqualTo("timed_out");
        assertThat(job.get("errorText").asText()).isEqualTo("runner heartbeat timeout");
      }
    }
    assertThat(api.get(run(run)).data().get("run").get("status").asText()).isEqualTo("failed");
  }

  @Test
  void aFailedJobFailsTheRunBlocksDependentsAndRetryReopensIt() {
    String run = chain();
    api.post(verb(run, "a@dev.build", "claim"), claimBody("r1"));
    api.post(verb(run, "a@dev.build", "complete"),
        "{\"runnerId\":\"r1\",\"leaseEpoch\":1,\"outcome\":\"failed\",\"errorText\":\"exit 3\"}");
    JsonNode runView = api.get(run(run)).data().get("run");
    assertThat(runView.get("status").asText()).isEqualTo("failed");
    assertThat(runView.get("jobCounts").get("failed").asInt()).isEqualTo(1);
    assertThat(api.post(verb(run, "b@dev.build", "claim"), claimBody("r2")).json().get("reason").asText())
        .isEqualTo("deps_not_ready");
    assertThat(api.post(verb(run, "a@dev.build", "claim"), claimBody("r2")).json().get("reason").asText())
        .isEqualTo("run_terminal");
    JsonNode retried = api.post(verb(run, "a@dev.build", "claim"), "{\"runnerId\":\"r2\",\"retry\":true}").json();
    assertThat(retried.get("claimed").asBoolean()).isTrue();
    assertThat(retried.get("attempt").asInt()).isEqualTo(2);
    assertThat(retried.get("leaseEpoch").asLong()).isEqualTo(2);
    assertThat(api.get(run(run)).data().get("run").get("status").asText()).isEqualTo("running");
  }

  @Test
  void aRunSucceedsWhenEveryJobSucceeded() {
    String run = chain();
    for (String job : List.of("a@dev.build", "b@dev.build", "c@dev.build")) {
      JsonNode c = api.post(verb(run, job, "claim"), claimBody("r1")).json();
      api.post(verb(run, job, "complete"), completeBody("r1", c.get("leaseEpoch").asLong(), "succeeded"));
    }
    JsonNode view = api.get(run(run)).data().get("run");
    assertThat(view.get("status").asText()).isEqualTo("succeeded");
    assertThat(view.get("finishedAt").isNull()).isFalse();
    JsonNode events = api.get(run(run) + "/log?from=0").json().get("events");
    assertThat(events.get(events.size() - 1).get("kind").asText()).isEqualTo("state.run.completed");
  }

  @Test
  void cancelEndsEveryUnfinishedJobAndTheRun() {
    String run = chain();
    JsonNode c = api.post(verb(run, "a@dev.build", "claim"), claimBody("r1")).json();
    api.post(verb(run, "a@dev.build", "complete"), completeBody("r1", c.get("leaseEpoch").asLong(), "succeeded"));
    Api.Response canceled = api.post(run(run) + ":cancel", null);
    assertThat(canceled.status()).isEqualTo(200);
    assertThat(canceled.json().get("seq").asLong()).isEqualTo(4);
    JsonNode jobs = api.get(run(run) + "/jobs").data().get("jobs");
    assertThat(jobs.get(0).get("status").asText()).isEqualTo("succeeded");
    assertThat(jobs.get(1).get("status").asText()).isEqualTo("canceled");
    assertThat(api.get(run(run)).data().get("run").get("status").asText()).isEqualTo("canceled");
    assertThat(api.post(verb(run, "b@dev.build", "claim"), claimBody("r2")).json().get("reason").asText())
        .isEqualTo("run_terminal");
    assertThat(api.get(run(run) + "/frontier").json().get("jobs")).isEmpty();
  }
}
