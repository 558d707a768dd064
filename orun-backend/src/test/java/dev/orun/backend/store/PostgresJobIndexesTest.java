package dev.orun.backend.store;

import static dev.orun.backend.testing.SqlProbe.number;
import static dev.orun.backend.testing.SqlProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What migrations 5 and 6 promise on PostgreSQL (docs/decisions/backend-throughput.md), on a table
 * that looks like a server's after a while: many finished runs and one under way. The frontier
 * and the lease sweep read through the phase-led index (the sweep only the claimed jobs, never
 * every run's), and renewing a lease rewrites no index entry (a HOT update).
 */
class PostgresJobIndexesTest {
  private static final int RUNS = 120;
  private static final long ACTIVE = RUNS;
  private static PostgresTestDatabase database;
  private static Database db;

  @BeforeAll
  static void aServerThatFinishedManyRuns() throws Exception {
    database = PostgresTestDatabase.createOrSkip();
    db = database.open();
    db.migrate();
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO runs (org_id, project_id, run_ulid, plan_digest, source, status, job_total, created_at)"
          + " SELECT 'acme', 'web', lpad(g::text, 26, '0'), 'sha256:x', 'cli',"
          + " CASE WHEN g = " + ACTIVE + " THEN 'running' ELSE 'succeeded' END, 500, g FROM generate_series(1, " + RUNS
          + ") g");
      // The active run: 100 succeeded, 10 claimed, 90 ready, the rest waiting on a dependency.
      s.execute("INSERT INTO run_jobs (run_id, job_id, deps_json, phase, deps_left, lease_expires_at)"
          + " SELECT r, format('job%s@dev.build', lpad(j::text, 4, '0')), '[]',"
          + " CASE WHEN r < " + ACTIVE + " OR j < 100 THEN 'succeeded' WHEN j < 110 THEN 'claimed' ELSE 'queued' END,"
          + " CASE WHEN r < " + ACTIVE + " OR j < 200 THEN 0 ELSE 1 END,"
          + " CASE WHEN r = " + ACTIVE + " AND j BETWEEN 100 AND 109 THEN 1000 + j END"
          + " FROM generate_series(1, " + RUNS + ") r, generate_series(0, 499) j");
      s.execute("ANALYZE run_jobs");
    }
  }

  @AfterAll
  static void dropIt() {
    if (db != null) {
      db.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void theSweepReadsTheClaimedJobsOnlyWhateverThePlanKind() throws Exception {
    String sweep = "SELECT run_id, job_id FROM run_jobs WHERE phase = 'claimed'"
        + " AND lease_expires_at <= ? ORDER BY lease_expires_at LIMIT 500";
    for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
      String plan = planOf(sweep, mode, 1105L);
      assertThat(plan).as(mode).contains("run_jobs_by_phase").doesNotContain("Seq Scan")
          .contains("rows=6 loops=1"); // leases up to 1105 of the 10 claimed jobs, all in the active run
    }
  }

  @Test
  void theFrontierIsOneRangeOfThePhaseIndexFoundThroughTheRunsKey() throws Exception {
    for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
      String plan = planOf(JobStore.FRONTIER, mode, "acme", "web", String.format("%026d", ACTIVE));
      assertThat(plan).as(mode).contains("using run_jobs_by_phase").doesNotContain("Seq Scan")
          .doesNotContain("Sort").contains("rows=90 loops=1");
    }
  }

  @Test
  void renewingALeaseRewritesNoIndexEntry() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        JobRow job = new JobStore().lock(c, ACTIVE, "job0105@dev.build");
        new JobStore().update(c, job.renewed(job.leaseExpiresAt() + 30_000));
        assertThat(number(c, "SELECT pg_stat_get_xact_tuples_updated('run_jobs'::regclass)")).isEqualTo(1);
        assertThat(number(c, "SELECT pg_stat_get_xact_tuples_hot_updated('run_jobs'::regclass)"))
            .as("a HOT update").isEqualTo(1);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  @Test
  void runJobsPagesKeepRoomForUpdatedRows() throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      assertThat(text(c, "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'run_jobs'"))
          .isEqualTo("fillfactor=70");
    }
  }

  /** The plan of {@code sql} as the server runs it: prepared, {@code values} bound to its parameters. */
  private static String planOf(String sql, String mode, Object... values) throws Exception {
    try (Connection c = db.dataSource().getConnection()) {
      return StatementPlans.of(c, sql, mode, values);
    }
  }
}
