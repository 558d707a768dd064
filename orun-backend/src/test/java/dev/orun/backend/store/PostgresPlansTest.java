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
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
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
        assertThat(plan(c, "EXPLAIN UPDATE run_jobs SET attempt = 2 WHERE run_id = " + run
            + " AND job_id = 'job7@dev.build'"))
            .contains("run_jobs_pkey").contains("job_id)::text = 'job7@dev.build'").doesNotContain("Filter");
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

  private static String plan(Connection c, String explain) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(explain)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }
}
