package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What PostgreSQL does with a statement of the server's, as the server sends it: prepared, parameters bound. */
final class StatementPlans {
  private StatementPlans() {}

  /**
   * The executed plan ({@code EXPLAIN ANALYZE}, no costs) of {@code sql} with {@code values} bound,
   * planned as {@code mode} says ({@code force_generic_plan}: the plan a pooled connection keeps
   * for every execution; {@code force_custom_plan}: planned for these values). Changes nothing.
   */
  static String of(Connection c, String sql, String mode, Object... values) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL plan_cache_mode = " + mode);
      List<String> lines = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF) " + sql)) {
        Sql.bind(ps, values);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            lines.add(rs.getString(1));
          }
        }
      }
      return String.join("\n", lines);
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
    }
  }
}
