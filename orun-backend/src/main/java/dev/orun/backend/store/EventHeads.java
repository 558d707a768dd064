package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The head of a run's event log (the {@code last_seq} of its {@code runs} row) and nothing else:
 * what a long-poll of the log needs to know on every look, without the twenty columns of a run.
 * The head is written in the same transaction as the events up to it, so every event with
 * {@code seq <= head} is committed and visible once the head is read.
 */
public final class EventHeads {

  /** A run located by its wire id: internal key, wire id and log head. */
  public record Head(long runId, String runUlid, long lastSeq) {}

  /** The run {@code runUlid} of {@code scope}, or null. */
  public Head find(Connection c, Scope scope, String runUlid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, last_seq FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ?")) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Head(rs.getLong(1), runUlid, rs.getLong(2)) : null;
      }
    }
  }

  /** The log head of the run with internal key {@code runId}, or -1 when there is no such run. */
  public long lastSeq(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM runs WHERE id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }
}
