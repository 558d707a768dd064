package dev.orun.backend.contract;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dialect A: create/replay, reads, log chunks and their paging, and the event log. */
abstract class RestContract extends ContractBase {
  private static final Map<String, List<String>> TWO = Runs.dag("api@dev.smoke", List.of(),
      "web@dev.smoke", List.of("api@dev.smoke"));

  @Test
  void createIsIdempotentByRunIdWhateverThePlanDigest() {
    byte[] plan = "{\"plan\":1}".getBytes(StandardCharsets.UTF_8);
    String digest = Runs.digest(plan);
    api.put(STATE + "/objects/" + digest, plan);
    String runId = Runs.newRunId();
    Api.Response created = api.post(STATE + "/runs", Runs.createBody(runId, digest, TWO));
    assertThat(created.status()).isEqualTo(201);
    JsonNode run = created.data().get("run");
    assertThat(created.json().get("meta").get("requestId").asText()).startsWith("req_");
    assertThat(run.get("runId").asText()).isEqualTo(runId);
    assertThat(run.get("orgId").asText()).isEqualTo(ORG);
    assertThat(run.get("projectId").asText()).isEqualTo(PROJECT);
    assertThat(run.get("status").asText()).isEqualTo("pending");
    assertThat(run.get("source").asText()).isEqualTo("ci");
    assertThat(run.get("jobCounts").toString()).isEqualTo("{\"queued\":2,\"running\":0,\"succeeded\":0,\"failed\":0}");
    String otherDigest = "sha256:" + "0".repeat(64);
    Api.Response replay = api.post(STATE + "/runs", Runs.createBody(runId, otherDigest, TWO));
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.data().get("run").get("planDigest").asText()).isEqualTo(digest);
  }

  @Test
  void createNeedsThePlanObjectFirst() {
    Api.Response r = api.post(STATE + "/runs", Runs.createBody(Runs.newRunId(), "sha256:" + "a".repeat(64), TWO));
    assertThat(r.status()).isEqualTo(412);
    assertThat(r.errorCode()).isEqualTo("object_missing");
  }

  @Test
  void runsAndJobsCanBeRead() {
    String runId = Runs.create(api, STATE, TWO);
    api.post(verb(runId, "api@dev.smoke", "claim"), claimBody("r1"));
    JsonNode jobs = api.get(run(runId) + "/jobs").data().get("jobs");
    assertThat(jobs).hasSize(2);
    JsonNode first = jobs.get(0);
    assertThat(first.get("jobId").asText()).isEqualTo("api@dev.smoke");
    assertThat(first.get("status").asText()).isEqualTo("claimed");
    assertThat(first.get("runnerId").asText()).isEqualTo("r1");
    assertThat(first.get("attempt").asInt()).isEqualTo(1);
    assertThat(jobs.get(1).get("deps").toString()).isEqualTo("[\"api@dev.smoke\"]");
    assertThat(api.get(run(runId)).data().get("run").get("status").asText()).isEqualTo("running");
    assertThat(api.get(run(runId) + "/runnable").data().get("jobs")).isEmpty();
    List<String> listed = new ArrayList<>();
    api.get(STATE + "/runs").data().get("runs").forEach(r -> listed.add(r.get("runId").asText()));
    assertThat(listed).contains(runId);
    assertThat(api.get(run(Runs.newRunId())).status()).isEqualTo(404);
  }

  @Test
  void logChunksAreNumberedPerJobAndReadFromASequence() {
    String runId = Runs.create(api, STATE, TWO);
    api.post(verb(runId, "api@dev.smoke", "claim"), claimBody("r1"));
    String logs = run(runId) + "/logs/api@dev.smoke";
    for (int i = 0; i < 3; i++) {
      Api.Response r = api.post(logs, "{\"runnerId\":\"r1\",\"content\":\"line " + i + "\\n\"}");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.data().get("seq").asLong()).isEqualTo(i);
    }
    assertThat(api.get(logs).data().toString())
        .isEqualTo("{\"content\":\"line 0\\nline 1\\nline 2\\n\",\"nextSeq\":3,\"complete\":false}");
    assertThat(api.get(logs + "?fromSeq=2").data().get("content").asText()).isEqualTo("line 2\n");
    assertThat(api.get(logs + "?fromSeq=3").data().toString())
        .isEqualTo("{\"content\":\"\",\"nextSeq\":3,\"complete\":false}");
    Api.Response other = api.post(logs, "{\"runnerId\":\"intruder\",\"content\":\"x\"}");
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.errorCode()).isEqualTo("lease_lost");
    api.post(verb(runId, "api@dev.smoke", "complete"), completeBody("r1", 1, "succeeded"));
    assertThat(api.get(logs + "?fromSeq=3").data().get("complete").asBoolean()).isTrue();
  }

  @Test
  void longLogsArePagedBy512Chunks() {
    String runId = Runs.create(api, STATE, TWO);
    String logs = run(runId) + "/logs/api@dev.smoke";
    for (int i = 0; i < 520; i++) {
      api.post(logs, "{\"runnerId\":\"r1\",\"content\":\"" + i + ",\"}");
    }
    JsonNode first = api.get(logs).data();
    assertThat(first.get("nextSeq").asLong()).isEqualTo(512);
    assertThat(first.get("content").asText()).startsWith("0,1,2,").endsWith("511,");
    JsonNode second = api.get(logs + "?fromSeq=512").data();
    assertThat(second.get("content").asText()).isEqualTo("512,513,514,515,516,517,518,519,");
    assertThat(second.get("nextSeq").asLong()).isEqualTo(520);
  }

  @Test
  void theEventLogIsGapFreeAndReadAfterASequence() {
    String runId = Runs.create(api, STATE, TWO);
    JsonNode c = api.post(verb(runId, "api@dev.smoke", "claim"), claimBody("r1")).json();
    api.post(verb(runId, "api@dev.smoke", "complete"), completeBody("r1", c.get("leaseEpoch").asLong(), "succeeded"));
    JsonNode page = api.get(run(runId) + "/log?from=0").json();
    JsonNode events = page.get("events");
    assertThat(page.get("head").get("seq").asLong()).isEqualTo(3);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("seq").asLong()).isEqualTo(i + 1);
      assertThat(events.get(i).get("runId").asText()).isEqualTo(runId);
      assertThat(events.get(i).get("v").asInt()).isEqualTo(1);
    }
    JsonNode claimed = events.get(1);
    assertThat(claimed.get("kind").asText()).isEqualTo("state.job.claimed");
    assertThat(claimed.get("jobId").asText()).isEqualTo("api@dev.smoke");
    assertThat(claimed.get("idempotencyKey").asText()).isEqualTo("api@dev.smoke:state.job.claimed:2");
    assertThat(claimed.get("payload").get("runnerId").asText()).isEqualTo("r1");
    assertThat(claimed.get("payload").get("leaseEpoch").asLong()).isEqualTo(1);
    assertThat(claimed.get("actor").get("type").asText()).isEqualTo("api");
    JsonNode after = api.get(run(runId) + "/log?from=2").json().get("events");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).get("kind").asText()).isEqualTo("state.job.succeeded");
  }

  @Test
  void aLongPollReturnsAsSoonAsAnEventIsAppended() throws Exception {
    String runId = Runs.create(api, STATE, TWO);
    long[] wokeAfter = new long[1];
    Thread poller = new Thread(() -> {
      long t0 = System.nanoTime();
      JsonNode page = api.get(run(runId) + "/log?from=1&wait=20").json();
      wokeAfter[0] = (System.nanoTime() - t0) / 1_000_000;
      assertThat(page.get("events").get(0).get("kind").asText()).isEqualTo("state.job.claimed");
    });
    poller.start();
    Thread.sleep(500);
    api.post(verb(runId, "api@dev.smoke", "claim"), claimBody("r1"));
    poller.join(15_000);
    assertThat(poller.isAlive()).isFalse();
    assertThat(wokeAfter[0]).as("woke long before the 20 s wait ran out").isBetween(400L, 5_000L);
  }

  @Test
  void aLongPollWithNothingNewReturnsAnEmptyPageAfterTheWait() {
    String runId = Runs.create(api, STATE, TWO);
    long t0 = System.nanoTime();
    JsonNode page = api.get(run(runId) + "/log?from=1&wait=1").json();
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(900);
    assertThat(page.get("events")).isEmpty();
    assertThat(page.get("head").get("seq").asLong()).isEqualTo(1);
  }

  @Test
  void objectsAreContentAddressedAndRehashed() {
    byte[] blob = "hello objects".getBytes(StandardCharsets.UTF_8);
    String digest = Runs.digest(blob);
    String missingBody = "{\"digests\":[\"" + digest + "\"]}";
    assertThat(api.post(STATE + "/objects/missing", missingBody).data().get("missing").get(0).asText())
        .isEqualTo(digest);
    assertThat(api.put(STATE + "/objects/" + digest, blob).status()).isEqualTo(201);
    assertThat(api.put(STATE + "/objects/" + digest, blob).status()).isEqualTo(200);
    assertThat(api.post(STATE + "/objects/missing", missingBody).data().get("missing")).isEmpty();
    assertThat(api.get(STATE + "/objects/" + digest).bytes()).isEqualTo(blob);
    Api.Response mismatch = api.put(STATE + "/objects/" + "sha256:" + "b".repeat(64), blob);
    assertThat(mismatch.status()).isEqualTo(400);
    assertThat(mismatch.errorCode()).isEqualTo("digest_mismatch");
    assertThat(api.get(STATE + "/objects/" + "sha256:" + "b".repeat(64)).status()).isEqualTo(404);
  }

  @Test
  void largeObjectsArriveInParts() {
    byte[] blob = new byte[3 * 1024 * 1024 + 17];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) (i * 31);
    }
    String digest = Runs.digest(blob);
    JsonNode upload = api.post(STATE + "/objects/" + digest + "/uploads", null).data();
    String id = upload.get("uploadId").asText();
    int part = 2 * 1024 * 1024;
    String parts = STATE + "/objects/" + digest + "/uploads/" + id + "/parts/";
    assertThat(api.put(parts + "1", java.util.Arrays.copyOfRange(blob, 0, part)).status()).isEqualTo(200);
    assertThat(api.put(parts + "2", java.util.Arrays.copyOfRange(blob, part, blob.length)).status()).isEqualTo(200);
    Api.Response done = api.post(STATE + "/objects/" + digest + "/uploads/" + id + "/complete", null);
    assertThat(done.status()).isEqualTo(201);
    assertThat(api.get(STATE + "/objects/" + digest).bytes()).isEqualTo(blob);
  }

  @Test
  void contractVersionsOneAndTwoAreAcceptedOthersRefused() {
    String runId = Runs.create(api, STATE, TWO);
    for (String v : List.of("1", "2")) {
      assertThat(withVersion(run(runId), v).status()).isEqualTo(200);
    }
    Api.Response three = withVersion(run(runId), "3");
    assertThat(three.status()).isEqualTo(409);
    assertThat(three.errorCode()).isEqualTo("contract_version_unsupported");
    assertThat(three.json().get("error").get("details").get("supported").toString()).isEqualTo("{\"min\":1,\"max\":2}");
  }

  private Api.Response withVersion(String path, String version) {
    try {
      java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + path))
          .header("Authorization", "Bearer " + backend.token(ORG, PROJECT)).header("Orun-Contract-Version", version)
          .GET().build();
      java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(req,
          java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      return new Api.Response(r.statusCode(), r.body(), "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
