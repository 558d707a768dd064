package dev.orun.backend.contract;

import static dev.orun.backend.testing.Runs.claimBody;
import static dev.orun.backend.testing.Runs.completeBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.backend.secrets.SecretService;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.SecretStore;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Project secrets: stored encrypted and versioned, listed without values, resolved only for the
 * holder of a job's live lease ({@code POST …/runs/{runId}/secrets/resolve}, the reference's §1.3
 * "Secrets (lease-bound)"; docs/decisions/backend-secrets.md).
 */
abstract class SecretsContract extends ContractBase {
  private static final String JOB = "api@dev.deploy";
  private static final Map<String, List<String>> ONE = Runs.dag(JOB, List.of());

  private Scope scope() {
    return new Scope(ORG, PROJECT);
  }

  /** A run whose only job {@code runner} holds; returns the run id and the lease epoch. */
  private Claimed claimedRun(String runner) {
    String runId = Runs.create(api, STATE, ONE);
    Api.Response claim = api.post(verb(runId, JOB, "claim"), claimBody(runner));
    assertThat(claim.json().get("claimed").asBoolean()).as("claim %s", claim).isTrue();
    return new Claimed(runId, claim.json().get("leaseEpoch").asLong());
  }

  private record Claimed(String runId, long epoch) {}

  private static String resolveBody(String runner, String jobId, long epoch, List<String> refs, List<String> optional) {
    StringBuilder b = new StringBuilder("{\"runnerId\":\"" + runner + "\",\"jobId\":\"" + jobId
        + "\",\"leaseEpoch\":" + epoch + ",\"refs\":" + jsonList(refs));
    if (optional != null) {
      b.append(",\"optionalRefs\":").append(jsonList(optional));
    }
    return b.append('}').toString();
  }

  private static String jsonList(List<String> items) {
    return items.stream().map(s -> "\"" + s + "\"").reduce((a, c) -> a + "," + c).map(s -> "[" + s + "]")
        .orElse("[]");
  }

  private Api.Response resolve(Claimed c, String runner, List<String> refs, List<String> optional) {
    return api.post(run(c.runId()) + "/secrets/resolve", resolveBody(runner, JOB, c.epoch(), refs, optional));
  }

  @Test
  void settingAKeyAgainAddsOneToItsVersionAndTheHolderOfTheLeaseGetsTheNewestValue() {
    SecretService secrets = backend.secrets();
    assertThat(secrets.set(scope(), "secret://acme/project:web/env:dev/deploy-token", "first-value-1"))
        .isEqualTo(new SecretService.Stored("DEPLOY_TOKEN", 1));
    assertThat(secrets.set(scope(), "DEPLOY_TOKEN", "second-value-2"))
        .isEqualTo(new SecretService.Stored("DEPLOY_TOKEN", 2));
    assertThat(secrets.list(scope())).extracting(SecretStore.Listed::key, SecretStore.Listed::version)
        .contains(org.assertj.core.groups.Tuple.tuple("DEPLOY_TOKEN", 2));

    Claimed c = claimedRun("runner-a");
    Api.Response r = resolve(c, "runner-a", List.of("secret://acme/project:web/env:dev/deploy-token"), null);
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    JsonNode data = r.data();
    assertThat(data.get("secrets").toString()).isEqualTo("{\"DEPLOY_TOKEN\":\"second-value-2\"}");
    JsonNode resolved = data.get("resolved").get(0);
    assertThat(resolved.get("key").asText()).isEqualTo("DEPLOY_TOKEN");
    assertThat(resolved.get("version").asInt()).isEqualTo(2);
    assertThat(resolved.get("scope").asText()).isEqualTo("project");
    assertThat(resolved.get("personal").asBoolean()).isFalse();
    assertThat(data.get("ttlSeconds").asInt()).isPositive();
  }

  @Test
  void valuesAreEncryptedAtRestUnderTheServersKey() throws Exception {
    backend.secrets().set(scope(), "AT_REST", "plain-text-at-rest");
    byte[] stored = backend.db.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT ciphertext, key_id FROM project_secrets"
          + " WHERE org_id = ? AND project_id = ? AND secret_key = 'AT_REST'")) {
        ps.setString(1, ORG);
        ps.setString(2, PROJECT);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(2)).isEqualTo(backend.secretsKey.id());
          return rs.getBytes(1);
        }
      }
    });
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("plain-text-at-rest");
    assertThat(stored.length).isGreaterThanOrEqualTo("plain-text-at-rest".length() + 16); // GCM tag

    Claimed c = claimedRun("runner-k");
    SecretService otherKey = new SecretService(backend.db, RunningBackend.randomSecretsKey(), clock);
    assertThatThrownBy(() -> otherKey.resolve(scope(), c.runId(), new dev.orun.remote.protocol.ResolveSecretsRequest(
        "runner-k", JOB, c.epoch(), List.of("AT_REST"), null)))
        .isInstanceOf(ApiException.class).hasMessageContaining("another secrets key")
        .hasMessageNotContaining("plain-text-at-rest");
  }

  @Test
  void aMissingRequiredSecretIsA404NamingTheKeysAndAMissingOptionalOneIsLeftOut() {
    backend.secrets().set(scope(), "PRESENT_ONE", "present-value-1");
    Claimed c = claimedRun("runner-m");
    Api.Response missing = resolve(c, "runner-m", List.of("PRESENT_ONE", "secret://acme/env:dev/absent-one",
        "ABSENT_TWO"), null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("not_found");
    JsonNode error = missing.json().get("error");
    assertThat(error.get("message").asText()).contains("ABSENT_ONE, ABSENT_TWO");
    assertThat(error.get("details").get("missing").toString()).isEqualTo("[\"ABSENT_ONE\",\"ABSENT_TWO\"]");
    assertThat(missing.json().get("requestId").asText()).startsWith("req_");
    assertThat(missing.text()).doesNotContain("present-value-1");

    Api.Response optional = resolve(c, "runner-m", List.of("PRESENT_ONE"), List.of("ABSENT_TWO"));
    assertThat(optional.status()).isEqualTo(200);
    assertThat(optional.data().get("secrets").toString()).isEqualTo("{\"PRESENT_ONE\":\"present-value-1\"}");
  }

  @Test
  void onlyTheHolderOfTheCurrentLiveLeaseMayResolve() {
    backend.secrets().set(scope(), "LEASED", "leased-value-1");
    Claimed c = claimedRun("holder");
    List<String> refs = List.of("LEASED");
    assertThat(resolve(c, "holder", refs, null).status()).isEqualTo(200);

    Api.Response otherRunner = resolve(c, "someone-else", refs, null);
    assertThat(otherRunner.status()).isEqualTo(409);
    assertThat(otherRunner.errorCode()).isEqualTo("lease_lost");
    assertThat(otherRunner.text()).doesNotContain("leased-value-1");
    Api.Response staleEpoch = api.post(run(c.runId()) + "/secrets/resolve",
        resolveBody("holder", JOB, c.epoch() + 1, refs, null));
    assertThat(staleEpoch.errorCode()).isEqualTo("lease_lost");
    String unclaimedRun = Runs.create(api, STATE, ONE);
    assertThat(api.post(run(unclaimedRun) + "/secrets/resolve", resolveBody("holder", JOB, 1, refs, null))
        .errorCode()).isEqualTo("lease_lost");

    clock.advance(Duration.ofSeconds(backend.config.leaseSeconds() + 1));
    assertThat(resolve(c, "holder", refs, null).errorCode()).as("an expired lease").isEqualTo("lease_lost");

    Claimed done = claimedRun("finisher");
    api.post(verb(done.runId(), JOB, "complete"), completeBody("finisher", done.epoch(), "succeeded"));
    assertThat(resolve(done, "finisher", refs, null).errorCode()).as("a finished job").isEqualTo("lease_lost");
  }

  @Test
  void aTokenForAnotherProjectGetsTheSame404AsEverywhere() {
    backend.secrets().set(scope(), "TENANT_ONLY", "tenant-value-1");
    Claimed c = claimedRun("tenant-runner");
    Api other = api.withToken(backend.token(ORG, "other-project"));
    Api.Response r = other.post(run(c.runId()) + "/secrets/resolve",
        resolveBody("tenant-runner", JOB, c.epoch(), List.of("TENANT_ONLY"), null));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("not_found");
    assertThat(r.text()).doesNotContain("tenant-value-1");
    Api.Response ownScope = other.post(Api.state(ORG, "other-project") + "/runs/" + c.runId() + "/secrets/resolve",
        resolveBody("tenant-runner", JOB, c.epoch(), List.of("TENANT_ONLY"), null));
    assertThat(ownScope.status()).as("the run is not in the other project").isEqualTo(404);
    assertThat(api.withToken(null).post(run(c.runId()) + "/secrets/resolve",
        resolveBody("tenant-runner", JOB, c.epoch(), List.of("TENANT_ONLY"), null)).status()).isEqualTo(401);
  }

  @Test
  void badRequestsAreRefusedWithTheUsualErrorBodies() {
    Claimed c = claimedRun("bad-input");
    String path = run(c.runId()) + "/secrets/resolve";
    Api.Response unknownField = api.post(path, "{\"runnerId\":\"bad-input\",\"jobId\":\"" + JOB
        + "\",\"leaseEpoch\":1,\"refs\":[],\"keys\":[\"X\"]}");
    assertThat(unknownField.status()).isEqualTo(422);
    assertThat(unknownField.json().get("error").get("details").get("fields").has("keys")).isTrue();
    Api.Response badRef = api.post(path, resolveBody("bad-input", JOB, c.epoch(), List.of("secret://"), null));
    assertThat(badRef.status()).isEqualTo(422);
    assertThat(badRef.json().get("error").get("details").get("fields").has("refs[0]")).isTrue();
    assertThat(api.post(path, "{\"jobId\":\"" + JOB + "\",\"leaseEpoch\":1}").status()).isEqualTo(422);
    assertThat(api.post(path, "{not json").status()).isEqualTo(400);
    assertThat(api.post(STATE + "/runs/not-a-run/secrets/resolve", resolveBody("x", JOB, 1, List.of(), null))
        .status()).isEqualTo(400);
  }

  @Test
  void deletedSecretsAreGoneAndKeysMustBeNamesNotValues() {
    SecretService secrets = backend.secrets();
    secrets.set(scope(), "SHORT_LIVED", "short-lived-1");
    assertThat(secrets.delete(scope(), "short-lived")).isTrue();
    assertThat(secrets.delete(scope(), "SHORT_LIVED")).isFalse();
    assertThat(secrets.list(scope())).extracting(SecretStore.Listed::key).doesNotContain("SHORT_LIVED");
    Claimed c = claimedRun("deleted");
    assertThat(resolve(c, "deleted", List.of("SHORT_LIVED"), null).status()).isEqualTo(404);
    assertThatThrownBy(() -> secrets.set(scope(), "", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> secrets.set(scope(), "EMPTY", "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SecretService(backend.db, null, clock).set(scope(), "NO_KEY", "no-key-value"))
        .isInstanceOf(ApiException.class).hasMessageContaining("no secrets key");
  }
}
