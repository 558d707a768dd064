package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Pending CLI logins ({@code cli_logins}), CLI sessions and their single-use refresh tokens. */
public final class LoginStore {

  /** A login: {@code status} is pending, approved, denied or redeemed. */
  public record LoginRow(String id, String flow, String userCode, String host, String status, String org,
      String project, long createdAt, long expiresAt, Long lastPollAt) {}

  /** A refresh token's row. */
  public record RefreshRow(String sessionId, long expiresAt, Long usedAt, String org, String project,
      Long sessionRevokedAt) {}

  public void insertLogin(Connection c, LoginRow l, String pollHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO cli_logins (id, flow, poll_hash, user_code, host,"
        + " status, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?)")) {
      Sql.bind(ps, l.id(), l.flow(), pollHash, l.userCode(), l.host(), l.status(), l.createdAt(), l.expiresAt());
      ps.executeUpdate();
    }
  }

  public LoginRow lockByPollHash(Connection c, String pollHash) throws SQLException {
    return one(c, "SELECT * FROM cli_logins WHERE poll_hash = ? FOR UPDATE", pollHash);
  }

  public LoginRow lockByUserCode(Connection c, String userCode) throws SQLException {
    return one(c, "SELECT * FROM cli_logins WHERE user_code = ? FOR UPDATE", userCode);
  }

  public LoginRow findByUserCode(Connection c, String userCode) throws SQLException {
    return one(c, "SELECT * FROM cli_logins WHERE user_code = ?", userCode);
  }

  public void setStatus(Connection c, String id, String status, String org, String project) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE cli_logins SET status = ?, org_id = COALESCE(?, org_id), project_id = COALESCE(?, project_id)"
            + " WHERE id = ?")) {
      Sql.bind(ps, status, org, project, id);
      ps.executeUpdate();
    }
  }

  public void touchPoll(Connection c, String id, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE cli_logins SET last_poll_at = ? WHERE id = ?")) {
      Sql.bind(ps, now, id);
      ps.executeUpdate();
    }
  }

  public void insertSession(Connection c, String id, String org, String project, String host, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO cli_sessions (id, org_id, project_id, host, created_at) VALUES (?,?,?,?,?)")) {
      Sql.bind(ps, id, org, project, host, now);
      ps.executeUpdate();
    }
  }

  public void revokeSession(Connection c, String id, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE cli_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      Sql.bind(ps, now, id);
      ps.executeUpdate();
    }
  }

  public void insertRefresh(Connection c, String hash, String sessionId, long now, long expires) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO refresh_tokens (token_hash, session_id, created_at, expires_at) VALUES (?,?,?,?)")) {
      Sql.bind(ps, hash, sessionId, now, expires);
      ps.executeUpdate();
    }
  }

  public RefreshRow lockRefresh(Connection c, String hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT r.session_id, r.expires_at, r.used_at, s.org_id,"
        + " s.project_id, s.revoked_at FROM refresh_tokens r JOIN cli_sessions s ON s.id = r.session_id"
        + " WHERE r.token_hash = ? FOR UPDATE")) {
      ps.setString(1, hash);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new RefreshRow(rs.getString(1), rs.getLong(2), Sql.getLong(rs, "used_at"), rs.getString(4),
            rs.getString(5), Sql.getLong(rs, "revoked_at"));
      }
    }
  }

  public void markRefreshUsed(Connection c, String hash, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?")) {
      Sql.bind(ps, now, hash);
      ps.executeUpdate();
    }
  }

  private static LoginRow one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new LoginRow(rs.getString("id"), rs.getString("flow"), rs.getString("user_code"), rs.getString("host"),
            rs.getString("status"), rs.getString("org_id"), rs.getString("project_id"), rs.getLong("created_at"),
            rs.getLong("expires_at"), Sql.getLong(rs, "last_poll_at"));
      }
    }
  }
}
