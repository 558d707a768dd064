package dev.orun.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.config.OidcSettings;
import dev.orun.backend.store.Scope;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.StandInOidcIssuer;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GitHub Actions OIDC exchange against a stand-in issuer with its own key and JWKS on loopback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcExchangeTest {
  private static final String EXCHANGE = "/v1/auth/oidc/exchange";
  private static final String REPO = "acme/platform";

  private StandInOidcIssuer issuer;
  private H2TestDatabase database;
  private RunningBackend backend;
  private Api anonymous;

  @BeforeAll
  void start() throws Exception {
    issuer = new StandInOidcIssuer();
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock(), BackendConfig.defaults()
        .withOidc(new OidcSettings(StandInOidcIssuer.ISSUER, issuer.jwksUri(), "orun-cloud")));
    new TrustService(backend.db, backend.clock).add(REPO, new Scope("acme", "web"), "refs/heads/*");
    anonymous = backend.api(null);
  }

  @AfterAll
  void stop() {
    backend.close();
    database.close();
    issuer.close();
  }

  private Api.Response exchange(String jwt) {
    return anonymous.post(EXCHANGE, "{\"token\":\"" + jwt + "\"}");
  }

  private int workflowTokens() {
    return backend.db.read(c -> {
      try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tokens WHERE kind = 'workflow'")) {
        rs.next();
        return rs.getInt(1);
      }
    });
  }

  @Test
  void aValidTokenBuysAShortLivedWorkflowTokenForTheTrustedProjectOnly() throws Exception {
    Api.Response r = exchange(issuer.token(REPO, "refs/heads/main", "orun-cloud", Instant.now().plusSeconds(300)));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.json().get("orgId").asText()).isEqualTo("acme");
    assertThat(r.json().get("projectId").asText()).isEqualTo("web");
    assertThat(r.json().get("tokenType").asText()).isEqualTo("Bearer");
    Instant expires = Instant.parse(r.json().get("expiresAt").asText());
    assertThat(expires).isBetween(Instant.now().plusSeconds(3000), Instant.now().plusSeconds(3700));
    Api workflow = anonymous.withToken(r.json().get("accessToken").asText());
    assertThat(workflow.get(Api.state("acme", "web") + "/runs").status()).isEqualTo(200);
    assertThat(workflow.get(Api.state("acme", "other") + "/runs").status()).isEqualTo(404);
  }

  @Test
  void expiredForgedOrMisaddressedTokensAre401AndMintNothing() throws Exception {
    int before = workflowTokens();
    String[] rejected = {
        issuer.token(REPO, "refs/heads/main", "orun-cloud", Instant.now().minusSeconds(600)),
        issuer.forgedToken(REPO, "refs/heads/main", "orun-cloud"),
        issuer.token(REPO, "refs/heads/main", "someone-else", Instant.now().plusSeconds(300)),
        issuer.tokenFromIssuer("https://evil.example", REPO, "refs/heads/main", "orun-cloud"),
        "not.a.jwt",
    };
    for (String jwt : rejected) {
      Api.Response r = exchange(jwt);
      assertThat(r.status()).as("%s", r).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("unauthorized");
      assertThat(r.text()).doesNotContain(jwt);
    }
    assertThat(workflowTokens()).isEqualTo(before);
  }

  @Test
  void anUntrustedRepositoryIs404AndADisallowedRefIs403() throws Exception {
    int before = workflowTokens();
    Api.Response unknown = exchange(issuer.token("acme/secret", "refs/heads/main", "orun-cloud",
        Instant.now().plusSeconds(300)));
    assertThat(unknown.status()).isEqualTo(404);
    Api.Response tag = exchange(issuer.token(REPO, "refs/tags/v1", "orun-cloud", Instant.now().plusSeconds(300)));
    assertThat(tag.status()).isEqualTo(403);
    assertThat(tag.json().get("error").get("details").get("reason").asText()).isEqualTo("ref_not_allowed");
    assertThat(workflowTokens()).isEqualTo(before);
  }
}
