package dev.orun.backend.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input and other tenants: each gets its documented status and a JSON error body, and
 * nothing is written (checked by reading the project's runs and objects afterwards).
 */
abstract class BadInputContract extends ContractBase {
  private static final String QUIET = "quiet";

  // Jetty answers refused requests (oversized bodies, unparseable paths) and then closes the
  // connection; every request here goes on a connection of its own so none races that close.
  private Api quietApi() {
    return backend.api(backend.token(ORG, QUIET)).onFreshConnections();
  }

  @org.junit.jupiter.api.BeforeEach
  void oneConnectionPerRequest() {
    api = api.onFreshConnections();
  }

  private static String quietState() {
    return Api.state(ORG, QUIET);
  }

  private void assertNothingWritten(Api a) {
    assertThat(a.get(quietState() + "/runs").data().get("runs")).as("no run was written").isEmpty();
  }

  private static void assertJsonError(Api.Response r, int status, String code) {
    assertThat(r.status()).as("%s", r).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.json().get("error").get("message").asText()).isNotBlank();
  }

  private String uploadedPlan(Api a) {
    byte[] plan = "{\"quiet\":true}".getBytes(StandardCharsets.UTF_8);
    String digest = Runs.digest(plan);
    a.put(quietState() + "/objects/" + digest, plan);
    return digest;
  }

  @Test
  void malformedJsonIs400() {
    Api a = quietApi();
    assertJsonError(a.post(quietState() + "/runs", "{\"runId\": "), 400, "bad_request");
    assertJsonError(a.post(quietState() + "/runs", "[1,2"), 400, "bad_request");
    assertNothingWritten(a);
  }

  @Test
  void unknownFieldsAre422NamingTheField() {
    Api a = quietApi();
    String body = Runs.createBody(Runs.newRunId(), uploadedPlan(a), Runs.dag("x", List.of()))
        .replace("\"source\"", "\"sauce\":1,\"source\"");
    Api.Response r = a.post(quietState() + "/runs", body);
    assertJsonError(r, 422, "validation_failed");
    assertThat(r.json().get("error").get("details").get("fields").has("sauce")).isTrue();
    assertNothingWritten(a);
  }

  @Test
  void oversizedBodiesAre413() {
    Api a = quietApi();
    String huge = "{\"runId\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
    assertJsonError(a.post(quietState() + "/runs", huge), 413, "payload_too_large");
    String runId = Runs.create(api, STATE, Runs.dag("j", List.of()));
    String chunk = "{\"runnerId\":\"r1\",\"content\":\"" + "y".repeat((1 << 20) + 1) + "\"}";
    assertJsonError(api.post(run(runId) + "/logs/j", chunk), 413, "payload_too_large");
    assertThat(api.get(run(runId) + "/logs/j").data().get("nextSeq").asLong()).isZero();
    assertNothingWritten(a);
  }

  @Test
  void plansWithACycleOrAnUnknownDependencyAre422() {
    Api a = quietApi();
    String digest = uploadedPlan(a);
    Api.Response cycle = a.post(quietState() + "/runs", Runs.createBody(Runs.newRunId(), digest,
        Runs.dag("a", List.of("c"), "b", List.of("a"), "c", List.of("b"))));
    assertJsonError(cycle, 422, "validation_failed");
    assertThat(cycle.json().get("error").get("message").asText()).contains("cycle a → c → b → a");
    Api.Response unknown = a.post(quietState() + "/runs", Runs.createBody(Runs.newRunId(), digest,
        Runs.dag("a", List.of("ghost"))));
    assertJsonError(unknown, 422, "validation_failed");
    assertThat(unknown.json().get("error").get("message").asText()).contains("unknown dependency ghost");
    Map<String, List<String>> tooMany = new LinkedHashMap<>();
    for (int i = 0; i <= 1000; i++) {
      tooMany.put("j" + i, List.of());
    }
    assertJsonError(a.post(quietState() + "/runs", Runs.createBody(Runs.newRunId(), digest, tooMany)), 422,
        "validation_failed");
    assertNothingWritten(a);
  }

  @Test
  void badIdsInBodiesAre422() {
    Api a = quietApi();
    String digest = uploadedPlan(a);
    for (String bad : List.of("a/b", "../etc", "nul\u0000", "caf\u00e9", "a:claim", "")) {
      Api.Response r = a.post(quietState() + "/runs", Runs.createBody(Runs.newRunId(), digest,
          Runs.dag(bad, List.of())));
      assertJsonError(r, 422, "validation_failed");
    }
    assertJsonError(a.post(quietState() + "/runs", Runs.createBody("not-a-ulid", digest, Runs.dag("x", List.of()))),
        422, "validation_failed");
    assertNothingWritten(a);
  }

  @Test
  void badIdsInPathsGetAJsonErrorAndWriteNothing() {
    String runId = Runs.create(api, STATE, Runs.dag("j", List.of()));
    List<String> paths = new ArrayList<>();
    for (String bad : List.of("a%2Fb", "..", "%2E%2E", "nul%00", "caf%C3%A9", "%F0%9F%92%A5")) {
      paths.add(run(runId) + "/jobs/" + bad + ":claim");
      paths.add(run(runId) + "/logs/" + bad);
    }
    Api oneConnectionEach = api.onFreshConnections();
    for (String path : paths) {
      Api.Response r = path.endsWith(":claim") ? oneConnectionEach.post(path, "{\"runnerId\":\"r1\"}")
          : oneConnectionEach.post(path, "{\"runnerId\":\"r1\",\"content\":\"x\"}");
      assertThat(r.status()).as("%s → %s", path, r).isIn(400, 404);
      assertThat(r.contentType()).as(path).startsWith("application/json");
      assertThat(r.errorCode()).as(path).isIn("bad_request", "not_found");
    }
    assertThat(api.get(run(runId) + "/log?from=1").json().get("events")).as("no event appended").isEmpty();
    assertJsonError(oneConnectionEach.get(STATE + "/runs/..%2F..%2Fx"), 400, "bad_request");
  }

  @Test
  void requestsWithoutAValidTokenAre401AndNeverEchoTheToken() {
    Api none = api.withToken(null);
    assertJsonError(none.get(STATE + "/runs"), 401, "unauthorized");
    String secret = "orun_sk_definitely-not-a-real-token";
    Api.Response forged = api.withToken(secret).get(STATE + "/runs");
    assertJsonError(forged, 401, "unauthorized");
    assertThat(forged.text()).doesNotContain(secret);
  }

  @Test
  void anotherProjectsTokenSeesNothingButNotFound() {
    String runId = Runs.create(api, STATE, Runs.dag("j", List.of()));
    Api projectB = quietApi();
    assertJsonError(projectB.get(run(runId)), 404, "not_found");
    assertJsonError(projectB.post(verb(runId, "j", "claim"), "{\"runnerId\":\"thief\"}"), 404, "not_found");
    assertJsonError(projectB.get(run(runId) + "/log?from=0"), 404, "not_found");
    assertJsonError(projectB.get(Api.state(ORG, QUIET) + "/runs/" + runId), 404, "not_found");
    assertJsonError(projectB.get(Api.state(ORG, QUIET) + "/runs/" + runId + "/frontier"), 404, "not_found");
    Api.Response unknownProject = projectB.get(Api.state("other-org", "p") + "/runs");
    assertJsonError(unknownProject, 404, "not_found");
    assertThat(api.get(run(runId) + "/jobs").data().get("jobs").get(0).get("status").asText())
        .as("the other tenant's claim changed nothing").isEqualTo("queued");
  }
}
