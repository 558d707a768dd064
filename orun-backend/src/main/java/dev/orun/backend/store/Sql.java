package dev.orun.backend.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Small JDBC helpers for nullable columns. */
final class Sql {
  private Sql() {}

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static Long getLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    bindAt(ps, 1, values);
  }

  /** Binds {@code values} to the parameters numbered from {@code first} on. */
  static void bindAt(PreparedStatement ps, int first, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        ps.setNull(first + i, Types.VARCHAR);
      } else if (v instanceof Long l) {
        ps.setLong(first + i, l);
      } else if (v instanceof Integer n) {
        ps.setInt(first + i, n);
      } else if (v instanceof Boolean b) {
        ps.setBoolean(first + i, b);
      } else if (v instanceof byte[] bytes) {
        ps.setBytes(first + i, bytes);
      } else {
        ps.setString(first + i, v.toString());
      }
    }
  }
}
