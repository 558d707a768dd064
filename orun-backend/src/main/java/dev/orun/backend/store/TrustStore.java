package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** GitHub Actions OIDC trust bindings: repository → (org, project) for refs matching a pattern. */
public final class TrustStore {

  /** One binding. */
  public record Binding(String id, String repository, String org, String project, String refPattern) {}

  public void insert(Connection c, Binding b, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO trust_bindings (id, repository, org_id, project_id,"
        + " ref_pattern, created_at) VALUES (?,?,?,?,?,?)")) {
      Sql.bind(ps, b.id(), b.repository(), b.org(), b.project(), b.refPattern(), now);
      ps.executeUpdate();
    }
  }

  public List<Binding> forRepository(Connection c, String repository) throws SQLException {
    return query(c, "SELECT * FROM trust_bindings WHERE LOWER(repository) = LOWER(?) ORDER BY org_id, project_id",
        repository);
  }

  public List<Binding> all(Connection c) throws SQLException {
    return query(c, "SELECT * FROM trust_bindings ORDER BY repository, org_id, project_id");
  }

  public boolean delete(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM trust_bindings WHERE id = ?")) {
      ps.setString(1, id);
      return ps.executeUpdate() > 0;
    }
  }

  private static List<Binding> query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, args);
      List<Binding> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Binding(rs.getString("id"), rs.getString("repository"), rs.getString("org_id"),
              rs.getString("project_id"), rs.getString("ref_pattern")));
        }
      }
      return out;
    }
  }
}
