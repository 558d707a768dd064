package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code tokens} table; only SHA-256 hashes of bearer tokens are ever stored. */
public final class TokenStore {

  /** One token row (without its secret, which is never stored). */
  public record TokenRow(String id, String kind, String org, String project, String name, String sessionId,
      long createdAt, Long expiresAt, Long revokedAt) {}

  public void insert(Connection c, TokenRow t, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO tokens (id, token_hash, kind, org_id, project_id,"
        + " name, session_id, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
      Sql.bind(ps, t.id(), hash, t.kind(), t.org(), t.project(), t.name(), t.sessionId(), t.createdAt());
      Sql.setLong(ps, 9, t.expiresAt());
      ps.executeUpdate();
    }
  }

  public TokenRow findByHash(Connection c, String hash) throws SQLException {
    List<TokenRow> rows = query(c, "SELECT * FROM tokens WHERE token_hash = ?", hash);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /** Tokens an administrator manages (api and admin), oldest first. */
  public List<TokenRow> listManaged(Connection c) throws SQLException {
    return query(c, "SELECT * FROM tokens WHERE kind IN ('api','admin') ORDER BY created_at, id");
  }

  public boolean revoke(Connection c, String id, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      Sql.bind(ps, now, id);
      return ps.executeUpdate() > 0;
    }
  }

  public void revokeSession(Connection c, String sessionId, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE tokens SET revoked_at = ? WHERE session_id = ? AND revoked_at IS NULL")) {
      Sql.bind(ps, now, sessionId);
      ps.executeUpdate();
    }
  }

  private static List<TokenRow> query(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, args);
      List<TokenRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TokenRow(rs.getString("id"), rs.getString("kind"), rs.getString("org_id"),
              rs.getString("project_id"), rs.getString("name"), rs.getString("session_id"), rs.getLong("created_at"),
              Sql.getLong(rs, "expires_at"), Sql.getLong(rs, "revoked_at")));
        }
      }
      return out;
    }
  }
}
