package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code log_chunks} table: each job's log as numbered chunks. */
public final class LogStore {

  public void insert(Connection c, long runId, String jobId, long seq, String content) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO log_chunks (run_id, job_id, seq, content) VALUES (?,?,?,?)")) {
      Sql.bind(ps, runId, jobId, seq, content);
      ps.executeUpdate();
    }
  }

  /** Chunks with {@code seq >= fromSeq}, ascending, at most {@code limit}, as (seq, content). */
  public List<Chunk> from(Connection c, long runId, String jobId, long fromSeq, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, content FROM log_chunks WHERE run_id = ?"
        + " AND job_id = ? AND seq >= ? ORDER BY seq LIMIT " + limit)) {
      Sql.bind(ps, runId, jobId, fromSeq);
      List<Chunk> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Chunk(rs.getLong(1), rs.getString(2)));
        }
      }
      return out;
    }
  }

  /** One stored chunk. */
  public record Chunk(long seq, String content) {}
}
