package dev.orun.backend.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TokenCache;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server remembers verified tokens for a moment (docs/decisions/backend-throughput.md), and
 * revocation still holds: at once when this server's database handle revoked the token, within
 * {@link TokenCache#TTL_MILLIS} when another process or instance did; expiry is never cached.
 */
class TokenRevocationTest {
  private static final String RUNS = Api.state("acme", "web") + "/runs";

  private H2TestDatabase database;
  private RunningBackend backend;

  @BeforeEach
  void start() {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
  }

  @AfterEach
  void stop() {
    backend.close();
    database.close();
  }

  @Test
  void aTokenRevokedThroughTheServersDatabaseIsRefusedOnTheVeryNextRequest() {
    TokenService.Issued issued = new TokenService(backend.db, backend.clock).issue(Principal.API,
        new Scope("acme", "web"), "t", null, null);
    Api api = backend.api(issued.token());
    assertThat(api.get(RUNS).status()).as("verified and now cached").isEqualTo(200);
    assertThat(new TokenService(backend.db, backend.clock).revoke(issued.id())).isTrue();
    assertThat(api.get(RUNS).status()).isEqualTo(401);
  }

  @Test
  void aTokenRevokedByAnotherProcessIsRefusedWithinTheCachesBound() throws Exception {
    TokenService.Issued issued = new TokenService(backend.db, backend.clock).issue(Principal.API,
        new Scope("acme", "web"), "t", null, null);
    Api api = backend.api(issued.token());
    assertThat(api.get(RUNS).status()).isEqualTo(200);
    try (Database other = database.open()) { // what `orun-backend token revoke` or a second instance holds
      assertThat(new TokenService(other, Clock.systemUTC()).revoke(issued.id())).isTrue();
    }
    long revoked = System.nanoTime();
    int status = api.get(RUNS).status();
    while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(10).toNanos()) {
      Thread.sleep(100);
      status = api.get(RUNS).status();
    }
    long tookMillis = (System.nanoTime() - revoked) / 1_000_000;
    assertThat(status).isEqualTo(401);
    assertThat(tookMillis).as("refused within the cache's bound").isLessThanOrEqualTo(TokenCache.TTL_MILLIS + 500);
  }

  @Test
  void aCachedTokenStillExpiresOnTime() {
    TokenService.Issued issued = new TokenService(backend.db, backend.clock).issue(Principal.API,
        new Scope("acme", "web"), "t", Duration.ofMinutes(5), null);
    Api api = backend.api(issued.token());
    assertThat(api.get(RUNS).status()).isEqualTo(200);
    backend.clock.advance(Duration.ofMinutes(5));
    assertThat(api.get(RUNS).status()).isEqualTo(401);
  }
}
