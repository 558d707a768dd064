package dev.orun.backend.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The single value a query returns (first column of its first row): what tests look up in a database's catalogue. */
public final class SqlProbe {
  private SqlProbe() {}

  public static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from: " + sql);
      }
      return rs.getString(1);
    }
  }

  public static long number(Connection c, String sql) throws SQLException {
    return Long.parseLong(text(c, sql));
  }
}
