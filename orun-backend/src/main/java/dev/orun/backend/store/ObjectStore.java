package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Content-addressed objects per (org, project), multipart uploads, and the memo index. */
public final class ObjectStore {

  public boolean exists(Connection c, Scope s, String digest) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM objects WHERE org_id = ? AND project_id = ? AND digest = ?")) {
      Sql.bind(ps, s.org(), s.project(), digest);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Inserts the object; a duplicate-key {@link SQLException} means it already exists. */
  public void insert(Connection c, Scope s, String digest, String kind, byte[] content, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO objects (org_id, project_id, digest, kind, size,"
        + " content, created_at) VALUES (?,?,?,?,?,?,?)")) {
      Sql.bind(ps, s.org(), s.project(), digest, kind, (long) content.length, content, now);
      ps.executeUpdate();
    }
  }

  public byte[] content(Connection c, Scope s, String digest) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT content FROM objects WHERE org_id = ? AND project_id = ? AND digest = ?")) {
      Sql.bind(ps, s.org(), s.project(), digest);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBytes(1) : null;
      }
    }
  }

  public void insertUpload(Connection c, String uploadId, Scope s, String digest, long partSize, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO uploads (upload_id, org_id, project_id, digest,"
        + " part_size, created_at) VALUES (?,?,?,?,?,?)")) {
      Sql.bind(ps, uploadId, s.org(), s.project(), digest, partSize, now);
      ps.executeUpdate();
    }
  }

  /** True when the upload exists for exactly this scope and digest. */
  public boolean uploadExists(Connection c, String uploadId, Scope s, String digest) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM uploads WHERE upload_id = ? AND org_id = ?"
        + " AND project_id = ? AND digest = ?")) {
      Sql.bind(ps, uploadId, s.org(), s.project(), digest);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Stores a part, replacing an earlier upload of the same part number (parts may be retried). */
  public void putPart(Connection c, String uploadId, int partNo, byte[] content) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM upload_parts WHERE upload_id = ? AND part_no = ?")) {
      Sql.bind(del, uploadId, partNo);
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO upload_parts (upload_id, part_no, content) VALUES (?,?,?)")) {
      Sql.bind(ps, uploadId, partNo, content);
      ps.executeUpdate();
    }
  }

  public List<byte[]> parts(Connection c, String uploadId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT content FROM upload_parts WHERE upload_id = ? ORDER BY part_no")) {
      ps.setString(1, uploadId);
      List<byte[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getBytes(1));
        }
      }
      return out;
    }
  }

  public void deleteUpload(Connection c, String uploadId) throws SQLException {
    for (String sql : List.of("DELETE FROM upload_parts WHERE upload_id = ?", "DELETE FROM uploads WHERE upload_id = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, uploadId);
        ps.executeUpdate();
      }
    }
  }

  public String memo(Connection c, Scope s, String jobInputHash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT m.result_digest FROM memo_index m JOIN objects o"
        + " ON o.org_id = m.org_id AND o.project_id = m.project_id AND o.digest = m.result_digest"
        + " WHERE m.org_id = ? AND m.project_id = ? AND m.job_input_hash = ?")) {
      Sql.bind(ps, s.org(), s.project(), jobInputHash);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  public void putMemo(Connection c, Scope s, String jobInputHash, String resultDigest) throws SQLException {
    try (PreparedStatement del = c.prepareStatement(
        "DELETE FROM memo_index WHERE org_id = ? AND project_id = ? AND job_input_hash = ?")) {
      Sql.bind(del, s.org(), s.project(), jobInputHash);
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO memo_index (org_id, project_id, job_input_hash, result_digest) VALUES (?,?,?,?)")) {
      Sql.bind(ps, s.org(), s.project(), jobInputHash, resultDigest);
      ps.executeUpdate();
    }
  }
}
