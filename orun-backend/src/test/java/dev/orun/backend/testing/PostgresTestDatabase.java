package dev.orun.backend.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orun.backend.store.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A new database {@code orun_test_<random>} on the PostgreSQL named by
 * {@code ORUN_TEST_POSTGRES_URL} (a JDBC URL with user and password of a role that may create
 * databases), dropped again on close. Without the variable the calling test is skipped.
 */
public final class PostgresTestDatabase implements TestDatabase {
  public static final String ENV = "ORUN_TEST_POSTGRES_URL";

  private final String adminUrl;
  private final String name;
  private final String url;

  private PostgresTestDatabase(String adminUrl) {
    this.adminUrl = adminUrl;
    byte[] b = new byte[6];
    new SecureRandom().nextBytes(b);
    this.name = "orun_test_" + HexFormat.of().formatHex(b);
    this.url = withDatabase(adminUrl, name);
    execute("CREATE DATABASE " + name);
  }

  /** Skips the test (JUnit assumption) when no PostgreSQL is configured. */
  public static PostgresTestDatabase createOrSkip() {
    String admin = System.getenv(ENV);
    assumeTrue(admin != null && !admin.isBlank(),
        "PostgreSQL tests skipped: set " + ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=u&password=p)");
    return new PostgresTestDatabase(admin);
  }

  @Override
  public Database open() {
    return Database.open(url, 24);
  }

  @Override
  public String jdbcUrl() {
    return url;
  }

  @Override
  public String describe() {
    return "PostgreSQL database " + name;
  }

  /**
   * Drops the database. {@code WITH (FORCE)} ends sessions a test left open, but it may only end
   * sessions of roles this one has rights over: an autovacuum worker that happens to be working on
   * the database belongs to none, and FORCE then fails with insufficient_privilege (42501). A
   * plain DROP ends autovacuum workers itself and waits for them, so that is the fallback, tried a
   * few times in case a session is still closing (object_in_use).
   */
  @Override
  public void close() {
    String force = "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    try {
      run(force);
      return;
    } catch (SQLException e) {
      if (!INSUFFICIENT_PRIVILEGE.equals(e.getSQLState())) {
        throw new IllegalStateException(force + ": " + e.getMessage(), e);
      }
    }
    String plain = "DROP DATABASE IF EXISTS " + name;
    for (int attempt = 1; ; attempt++) {
      try {
        run(plain);
        return;
      } catch (SQLException e) {
        if (attempt == 10 || !OBJECT_IN_USE.equals(e.getSQLState())) {
          throw new IllegalStateException(plain + ": " + e.getMessage(), e);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while dropping " + name, e);
      }
    }
  }

  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final String OBJECT_IN_USE = "55006";

  private void execute(String sql) {
    try {
      run(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private void run(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Replaces the database name in {@code jdbc:postgresql://host:port/NAME?params}. */
  static String withDatabase(String url, String db) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    String params = q < 0 ? "" : url.substring(q);
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    return (slash < 0 ? base : base.substring(0, slash)) + "/" + db + params;
  }
}
