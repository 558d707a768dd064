package dev.orun.backend.testing;

import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.http.BackendServer;
import dev.orun.backend.secrets.SecretService;
import dev.orun.backend.secrets.SecretsKey;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import java.time.Duration;

/**
 * A real server on a loopback port over a test database, with a clock the test moves. The
 * background sweeper is slowed to once an hour so tests sweep when they choose.
 */
public final class RunningBackend implements AutoCloseable {
  public final MutableClock clock;
  public final Database db;
  public final BackendServer server;
  public final BackendConfig config;
  public final SecretsKey secretsKey;

  public RunningBackend(TestDatabase database, MutableClock clock, BackendConfig base, SecretsKey secretsKey) {
    this.clock = clock;
    this.db = database.open();
    db.migrate();
    this.config = base.withListen("127.0.0.1", 0).withClock(clock).withSweepInterval(Duration.ofHours(1));
    this.secretsKey = secretsKey;
    this.server = new BackendServer(db, config, secretsKey).start();
  }

  /** A server with a fresh random secrets key. */
  public RunningBackend(TestDatabase database, MutableClock clock, BackendConfig base) {
    this(database, clock, base, randomSecretsKey());
  }

  public RunningBackend(TestDatabase database, MutableClock clock) {
    this(database, clock, BackendConfig.defaults());
  }

  public static SecretsKey randomSecretsKey() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return SecretsKey.fromBase64(java.util.Base64.getEncoder().encodeToString(bytes), "a test");
  }

  /** The service {@code orun-backend secret} uses, over this server's database and key. */
  public SecretService secrets() {
    return new SecretService(db, secretsKey, clock);
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A new API token for (org, project). */
  public String token(String org, String project) {
    return new TokenService(db, clock).issue(Principal.API, new Scope(org, project), "test", null, null).token();
  }

  public String adminToken() {
    return new TokenService(db, clock).issue(Principal.ADMIN, null, "test admin", null, null).token();
  }

  public Api api(String token) {
    return new Api(url(), token);
  }

  @Override
  public void close() {
    server.close();
    db.close();
  }
}
