package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives PostgreSQL's planner statistics on the run tables as soon as the first run exists. A table
 * never analysed has none, and then PostgreSQL plans a job's lookup by its full key as a walk over
 * every job of the run (through the frontier index of migration 2, or the key's first column only): each
 * verb would cost as much as the run is large until autovacuum's first analyse, a minute or more
 * later (docs/decisions/backend-throughput.md). So the first run this process creates analyses the
 * run tables when no analyse has ever happened; afterwards autovacuum keeps them current. H2 needs
 * nothing.
 */
public final class PlannerStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
  static final String TABLES = "run_jobs, run_job_deps, run_events";

  private final AtomicBoolean checked = new AtomicBoolean();

  /** After a run was created: analyses the run tables once, if they never were. */
  public void afterRunCreated(Database db) {
    if (!db.isPostgres() || !checked.compareAndSet(false, true)) {
      return;
    }
    try {
      db.read(c -> {
        if (neverAnalysed(c)) {
          try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + TABLES);
          }
        }
        return null;
      });
    } catch (StoreException e) {
      // Not the owner of the tables, say: autovacuum will do it; nothing is wrong with the run.
      LOG.debug("could not analyse the run tables: {}", e.getMessage());
    }
  }

  static boolean neverAnalysed(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'run_jobs'"
        + " AND relid = 'run_jobs'::regclass AND last_analyze IS NULL AND last_autoanalyze IS NULL")) {
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) > 0;
      }
    }
  }
}
