package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics on the run tables in step with their size while the tables
 * are young (docs/decisions/backend-throughput.md). Three ways stale statistics cost every verb:
 * <ul>
 *   <li>A table never analysed has no statistics, and PostgreSQL plans a job's lookup by its full
 *       key as a walk over every job of the run, until autovacuum's first analyse a minute or more
 *       later.
 *   <li>A table analysed while it held one run keeps plans made for one run: every pooled
 *       connection plans a statement once and keeps the plan until the statistics change, and
 *       autovacuum analyses again only after its next wake-up. The frontier read was then a
 *       sequential scan of every run's jobs, growing from 0.1 to 4.7 ms per read while a fresh
 *       database went from 1 to 13 runs, in some starts of the claims bench and not others.
 *   <li>{@code runs} itself, never analysed, had a run found by its key through the index on
 *       (org, project, created_at), reading every run of the project, in the frontier read.
 * </ul>
 * So at the 1st, 2nd, 4th, 8th … run this process creates (up to the 1024th) it analyses the run
 * tables if they never were analysed, or if the runs hold at least twice the jobs that
 * {@code run_jobs} held when it was last analysed or vacuumed (counted from the runs' job totals:
 * exact at once, where the activity counters lag by a second or more). On a database that has been
 * in use for a while that never happens: autovacuum analyses long before a table doubles. H2 needs
 * nothing.
 */
public final class PlannerStatistics {
  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
  static final String TABLES = "runs, run_jobs, run_job_deps, run_events";
  private static final long LAST_CHECK = 1024;

  private final AtomicLong runsCreated = new AtomicLong();

  /** After a run was created: analyses the run tables when their statistics lag far behind them. */
  public void afterRunCreated(Database db) {
    long n = runsCreated.incrementAndGet();
    if (!db.isPostgres() || n > LAST_CHECK || Long.bitCount(n) != 1) {
      return;
    }
    try {
      db.read(c -> {
        if (stale(c)) {
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

  /** Never analysed, or at least twice as many jobs as when last analysed or vacuumed. */
  static boolean stale(Connection c) throws SQLException {
    return neverAnalysed(c) || jobsNow(c) >= 2 * Math.max(1, jobsCounted(c));
  }

  static boolean neverAnalysed(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'run_jobs'"
        + " AND relid = 'run_jobs'::regclass AND last_analyze IS NULL AND last_autoanalyze IS NULL")) {
      return number(ps) > 0;
    }
  }

  /** The jobs {@code run_jobs} held when its statistics were last taken (by analyse or vacuum). */
  static long jobsCounted(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'run_jobs'::regclass")) {
      return number(ps);
    }
  }

  static long jobsNow(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(job_total), 0) FROM runs")) {
      return number(ps);
    }
  }

  private static long number(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }
}
