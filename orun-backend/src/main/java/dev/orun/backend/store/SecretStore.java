package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code project_secrets} table: ciphertexts only; values are sealed and opened elsewhere. */
public final class SecretStore {

  /** A stored secret: its version and its sealed value. */
  public record Sealed(String key, int version, String keyId, byte[] nonce, byte[] ciphertext) {}

  /** What {@code secret list} shows: never a value. */
  public record Listed(String key, int version, long updatedAt) {}

  /** Replaces {@code key}'s value, or stores its first one; returns the new version. */
  public int put(Connection c, Scope scope, String key, String keyId, byte[] nonce, byte[] ciphertext, long now)
      throws SQLException {
    Sealed current = find(c, scope, List.of(key)).get(key);
    if (current == null) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO project_secrets (org_id, project_id, secret_key,"
          + " version, key_id, nonce, ciphertext, updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
        Sql.bind(ps, scope.org(), scope.project(), key, 1, keyId, nonce, ciphertext, now);
        ps.executeUpdate();
        return 1;
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE project_secrets SET version = ?, key_id = ?, nonce = ?,"
        + " ciphertext = ?, updated_at = ? WHERE org_id = ? AND project_id = ? AND secret_key = ? AND version = ?")) {
      Sql.bind(ps, current.version() + 1, keyId, nonce, ciphertext, now, scope.org(), scope.project(), key,
          current.version());
      if (ps.executeUpdate() == 0) {
        throw new SQLException("secret " + key + " was changed concurrently", "40001");
      }
      return current.version() + 1;
    }
  }

  /** The stored secrets among {@code keys}, by key. */
  public Map<String, Sealed> find(Connection c, Scope scope, Collection<String> keys) throws SQLException {
    Map<String, Sealed> out = new TreeMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    String marks = String.join(",", java.util.Collections.nCopies(keys.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT secret_key, version, key_id, nonce, ciphertext"
        + " FROM project_secrets WHERE org_id = ? AND project_id = ? AND secret_key IN (" + marks + ")")) {
      List<Object> args = new ArrayList<>(List.of(scope.org(), scope.project()));
      args.addAll(keys);
      Sql.bind(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new Sealed(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getBytes(4),
              rs.getBytes(5)));
        }
      }
    }
    return out;
  }

  public List<Listed> list(Connection c, Scope scope) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT secret_key, version, updated_at FROM project_secrets"
        + " WHERE org_id = ? AND project_id = ? ORDER BY secret_key")) {
      Sql.bind(ps, scope.org(), scope.project());
      List<Listed> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Listed(rs.getString(1), rs.getInt(2), rs.getLong(3)));
        }
      }
      return out;
    }
  }

  public boolean delete(Connection c, Scope scope, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM project_secrets WHERE org_id = ? AND project_id = ? AND secret_key = ?")) {
      Sql.bind(ps, scope.org(), scope.project(), key);
      return ps.executeUpdate() > 0;
    }
  }
}
