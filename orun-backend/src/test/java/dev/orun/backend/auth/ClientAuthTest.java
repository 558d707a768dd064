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
import dev.orun.remote.auth.AuthResolver;
import dev.orun.remote.auth.CredentialStore;
import dev.orun.remote.auth.OrunHome;
import dev.orun.remote.auth.ResolvedAuth;
import dev.orun.remote.auth.StoredSession;
import dev.orun.remote.protocol.CliStartResponse;
import dev.orun.remote.protocol.Session;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * orun-remote's credential sources against this server, with one clock for both: the workflow
 * token of a GitHub Actions OIDC exchange is exchanged again before it expires, and a CLI
 * session's access token is refreshed before it expires, once for many concurrent callers, with
 * the refresh token rotating.
 */
class ClientAuthTest {
  private static final String REPO = "acme/platform";
  private static final String REQUEST_TOKEN = "request-token-for-this-job";

  private StandInOidcIssuer issuer;
  private H2TestDatabase database;
  private RunningBackend backend;

  @TempDir
  Path home;

  @BeforeEach
  void start() throws Exception {
    issuer = new StandInOidcIssuer();
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock(), BackendConfig.defaults()
        .withOidc(new OidcSettings(StandInOidcIssuer.ISSUER, issuer.jwksUri(), "orun-cloud")));
    new TrustService(backend.db, backend.clock).add(REPO, new Scope("acme", "web"), "refs/heads/*");
  }

  @AfterEach
  void stop() {
    backend.close();
    database.close();
    issuer.close();
  }

  @Test
  void theWorkflowTokenIsReusedUntilAMinuteBeforeItExpiresThenExchangedAgain() {
    Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "ORUN_HOME", home.toString(),
        "ACTIONS_ID_TOKEN_REQUEST_URL", issuer.serveIdTokens(REQUEST_TOKEN, REPO, "refs/heads/main"),
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN, "ORUN_TOKEN", "a-machine-token-that-must-not-win");

    ResolvedAuth auth = new AuthResolver(env, backend.clock).resolve(backend.url(), null);

    assertThat(auth.source()).isEqualTo("GitHub Actions OIDC");
    assertThat(auth.org() + "/" + auth.project()).isEqualTo("acme/web");
    String first = auth.token().get();
    assertThat(auth.token().get()).isEqualTo(first);
    assertThat(issuer.idTokenRequests()).isEqualTo(1);
    assertThat(runs(first)).isEqualTo(200);

    backend.clock.advance(backend.config.workflowTokenTtl().minusSeconds(90));
    assertThat(auth.token().get()).as("still more than a minute left").isEqualTo(first);
    backend.clock.advance(Duration.ofSeconds(45));
    String second = auth.token().get();

    assertThat(second).isNotEqualTo(first);
    assertThat(issuer.idTokenRequests()).isEqualTo(2);
    assertThat(runs(second)).isEqualTo(200);
    assertThat(auth.toString()).doesNotContain(first).doesNotContain(second);
  }

  @Test
  void anExpiringSessionIsRefreshedOnceForConcurrentCallersAndTheRefreshTokenRotates() throws Exception {
    Map<String, String> env = Map.of("ORUN_HOME", home.toString());
    CredentialStore store = new CredentialStore(OrunHome.from(env));
    Session session = approvedSession();
    store.write(new StoredSession(backend.url(), session.accessToken(), session.expiresAt(), session.refreshToken(),
        session.refreshExpiresAt(), "tester", "acme", "web"));
    assertThat(new AuthResolver(env, backend.clock).resolve(backend.url(), null).token().get())
        .isEqualTo(session.accessToken());

    backend.clock.advance(backend.config.sessionTokenTtl().minusSeconds(30));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> tokens = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) { // each caller with its own resolver, as separate commands would be
        tokens.add(pool.submit(() -> new AuthResolver(env, backend.clock).resolve(backend.url(), null).token().get()));
      }
      Set<String> seen = new HashSet<>();
      for (Future<String> t : tokens) {
        seen.add(t.get());
      }
      assertThat(seen).as("one refresh served everyone").hasSize(1);
      String refreshed = seen.iterator().next();
      assertThat(refreshed).isNotEqualTo(session.accessToken());
      assertThat(runs(refreshed)).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
    StoredSession after = store.read().orElseThrow();
    assertThat(after.refreshToken()).isNotEqualTo(session.refreshToken());
    assertThat(after.toString()).doesNotContain(after.accessToken()).doesNotContain(after.refreshToken());
    Api.Response replay = backend.api(null).post("/v1/auth/cli/token",
        "{\"grantType\":\"refresh_token\",\"refreshToken\":\"" + session.refreshToken() + "\"}");
    assertThat(replay.status()).as("the old refresh token was used once already").isEqualTo(401);
  }

  private Session approvedSession() {
    CliLoginService logins = new CliLoginService(backend.db, backend.config);
    CliStartResponse started = logins.startBrowser("test-host", backend.url());
    logins.approve(started.userCode(), new Scope("acme", "web"));
    return logins.redeemCliCode(started.cliCode());
  }

  private int runs(String token) {
    return backend.api(token).get(Api.state("acme", "web") + "/runs").status();
  }
}
