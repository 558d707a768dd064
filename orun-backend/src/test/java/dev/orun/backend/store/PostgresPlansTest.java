package dev.orun.backend.store;

import static dev.orun.backend.testing.SqlProbe.number;
import static dev.orun.backend.testing.SqlProbe.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the server's PostgreSQL connections plan the coordination statements
 * (docs/decisions/backend-throughput.md): prepared on the server at first use, and planned from
 * statistics that exist as soon as the first run does, so a verb looks its job up by key instead
 * of walking the run.
 */
class PostgresPlansTest {
  private static final String STATE = Api.state("acme", "web");

  @Test
  void theFirstRunGivesThePlannerStatisticsAndAJobIsFoundByItsKey() throws Exception {
    try (PostgresTestDatabase database = PostgresTestDatabase.createOrSkip();
        RunningBackend backend = new RunningBackend(database, new MutableClock())) {
      Api api = backend.api(backend.token("acme", "web"));
      try (Connection c = backend.db.dataSource().getConnection()) {
        assertThat(PlannerStatistics.neverAnalysed(c)).as("a fresh database has no statistics").isTrue();
      }
      Map<String, List<String>> jobs = new LinkedHashMap<>();
      for (int i = 0; i < 300; i++) {
        jobs.put("job" + i + "@dev.build", i == 0 ? List.of() : List.of("job" + (i - 1) + "@dev.build"));
      }
      Runs.create(api, STATE, jobs);
      try (Connection c = backend.db.dataSource().getConnection()) {
        assertThat(PlannerStatistics.neverAnalysed(c)).isFalse();
        long run = number(c, "SELECT id FROM runs");
        assertThat(StatementPlans.of(c, "UPDATE run_jobs SET attempt = 2 WHERE run_id = ? AND job_id = ?",
            "force_custom_plan", run, "job7@dev.build"))
            .contains("run_jobs_pkey").contains("job_id)::text = 'job7@dev.build'").doesNotContain("Filter");
      }
    }
  }

  @Test
  void statisticsTakenWhenTheTablesHeldOneRunAreTakenAgainAsTheyGrow() throws Exception {
    try (PostgresTestDatabase database = PostgresTestDatabase.createOrSkip();
        RunningBackend backend = new RunningBackend(database, new MutableClock())) {
      Api api = backend.api(backend.token("acme", "web"));
      try (Connection c = backend.db.dataSource().getConnection(); Statement s = c.createStatement()) {
        for (String table : List.of("runs", "run_jobs", "run_job_deps", "run_events")) {
          // only the server analyses here: an autovacuum analyse in between would move the counts
          s.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
        }
      }
      for (int r = 0; r < 8; r++) {
        Runs.create(api, STATE, layers(3, 100));
      }
      try (Connection c = backend.db.dataSource().getConnection()) {
        assertThat(number(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'run_jobs'::regclass"))
            .as("the last statistics count the jobs of all 8 runs, not of the first").isEqualTo(2400);
        assertThat(number(c, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'runs'::regclass")).isEqualTo(8);
        String newest = text(c, "SELECT run_ulid FROM runs ORDER BY id DESC LIMIT 1");
        // The plan a pooled connection keeps: from statistics of one run (every job queued, a third
        // ready), the frontier of any run looked like a third of the table, and was a sequential scan.
        assertThat(StatementPlans.of(c, JobStore.FRONTIER, "force_generic_plan", "acme", "web", newest))
            .contains("run_jobs_by_phase").doesNotContain("Seq Scan on run_jobs").contains("rows=100 loops=1");
      }
    }
  }

  @Test
  void aStatementIsPreparedOnTheServerAtItsFirstUse() throws Exception {
    try (PostgresTestDatabase database = PostgresTestDatabase.createOrSkip()) {
      Database db = database.open();
      try (db; Connection c = db.dataSource().getConnection()) {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_class WHERE relpages = ?")) {
          ps.setInt(1, 42);
          ps.executeQuery().close();
        }
        assertThat(number(c, "SELECT count(*) FROM pg_prepared_statements"
            + " WHERE statement = 'SELECT count(*) FROM pg_class WHERE relpages = $1'")).isEqualTo(1);
      }
    }
  }

  /** {@code count} layers of {@code width} jobs, each job after its twin in the layer before (the claims bench's shape). */
  private static Map<String, List<String>> layers(int count, int width) {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    for (int i = 0; i < count * width; i++) {
      jobs.put("job" + i + "@dev.build", i < width ? List.of() : List.of("job" + (i - width) + "@dev.build"));
    }
    return jobs;
  }
}
