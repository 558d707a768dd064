package dev.orun.backend.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.orun.backend.store.migration.RunJobsFillFactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool over the embedded H2 file database or PostgreSQL, with the schema migrated
 * by Flyway. H2 runs with {@code AUTO_SERVER=TRUE} so admin commands can open the same data
 * directory while a server holds it (docs/decisions/backend-embedded-database.md).
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final boolean postgres;
  private final TokenCache tokenCache = new TokenCache();

  private Database(HikariDataSource pool, boolean postgres) {
    this.pool = pool;
    this.postgres = postgres;
  }

  /** The JDBC URL of the embedded database under {@code dataDir}. */
  public static String embeddedUrl(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("orun");
    return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=20000";
  }

  /** Opens the embedded database, creating {@code dataDir} (mode 0700 where supported). */
  public static Database openEmbedded(Path dataDir, int poolSize) throws Exception {
    if (!Files.isDirectory(dataDir)) {
      Files.createDirectories(dataDir);
      try {
        Files.setPosixFilePermissions(dataDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the directory keeps its default permissions
      }
    }
    return open(embeddedUrl(dataDir), poolSize);
  }

  /** Opens any JDBC URL (PostgreSQL with user and password in the URL, or H2). */
  public static Database open(String jdbcUrl, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(poolSize);
    config.setMinimumIdle(1);
    config.setPoolName("orun-backend");
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
    if (postgres) {
      // A statement is prepared on the server at its first execution, not its fifth: the group
      // transactions' statement texts vary with how many verbs they carry, so most executions were
      // parsed and planned afresh (docs/decisions/backend-throughput.md). PostgreSQL still chooses
      // per statement between a generic and a custom plan. A parameter in the URL wins.
      config.addDataSourceProperty("prepareThreshold", "1");
    }
    HikariDataSource pool = new HikariDataSource(config);
    return new Database(pool, postgres);
  }

  /**
   * Applies pending migrations; safe to run from several processes at once. With the embedded
   * database another process (an admin command) may own the file and exit while we migrate; H2
   * then hands the file over and reconnects, so a failed attempt is retried for a while.
   */
  public int migrate() {
    Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration")
        .javaMigrations(new RunJobsFillFactor()).load();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try {
        return flyway.migrate().migrationsExecuted;
      } catch (RuntimeException e) {
        if (postgres || System.nanoTime() > deadline) {
          throw e;
        }
        pool.getHikariPoolMXBean().softEvictConnections();
        sleep(300);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public DataSource dataSource() {
    return pool;
  }

  /** Tokens recently verified against this database; whoever revokes one clears it after the commit. */
  public TokenCache tokenCache() {
    return tokenCache;
  }

  public boolean isPostgres() {
    return postgres;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(TxWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (Throwable e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** Runs a read (or a single write) on a pooled connection in auto-commit mode. */
  public <T> T read(TxWork<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /** True when a trivial query answers (for {@code /readyz}). */
  public boolean ping() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A unit of work on a connection. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Connection c) throws SQLException;
  }
}
