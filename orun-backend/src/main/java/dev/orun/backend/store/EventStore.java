package dev.orun.backend.store;

import dev.orun.backend.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The append-only {@code run_events} table. The (run_id, seq) key refuses a forked history. */
public final class EventStore {

  /** Inserts {@code events} with sequence numbers {@code firstSeq, firstSeq+1, …}. */
  public void append(Connection c, long runId, long firstSeq, List<NewEvent> events) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_events (run_id, seq, kind, job_id, actor_id,"
        + " actor_type, at, payload_json) VALUES (?,?,?,?,?,?,?,?)")) {
      long seq = firstSeq;
      for (NewEvent e : events) {
        Sql.bind(ps, runId, seq++, e.kind(), e.jobId(), e.actorId(), e.actorType(), e.at(), Json.write(e.payload()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Events with {@code seq > after}, ascending, at most {@code limit}. */
  public List<StoredEvent> after(Connection c, long runId, long after, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT run_id, seq, kind, job_id, actor_id, actor_type, at,"
        + " payload_json FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT " + limit)) {
      ps.setLong(1, runId);
      ps.setLong(2, after);
      List<StoredEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getLong(7), rs.getString(8)));
        }
      }
      return out;
    }
  }
}
