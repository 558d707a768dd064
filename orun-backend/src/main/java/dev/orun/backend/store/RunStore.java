package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The {@code runs} table: run rows and the per-run event-log head. */
public final class RunStore {
  static final String COLUMNS = "id, org_id, project_id, run_ulid, plan_digest, source, environment,"
      + " git_commit, git_ref, git_dirty, created_by_id, created_by_kind, status, last_seq, job_total,"
      + " job_succeeded, job_failed, created_at, started_at, finished_at";

  /** Inserts a run; throws a duplicate-key {@link SQLException} when the runId exists in scope. */
  public long insert(Connection c, RunRow r) throws SQLException {
    String sql = "INSERT INTO runs (org_id, project_id, run_ulid, plan_digest, source, environment, git_commit,"
        + " git_ref, git_dirty, created_by_id, created_by_kind, status, last_seq, job_total, created_at)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      Sql.bind(ps, r.scope().org(), r.scope().project(), r.runUlid(), r.planDigest(), r.source(), r.environment(),
          r.gitCommit(), r.gitRef(), r.gitDirty(), r.createdById(), r.createdByKind(), r.status(), 0L,
          r.jobTotal(), r.createdAt());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  public RunRow find(Connection c, Scope scope, String runUlid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ?")) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  public RunRow findById(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /** Newest first; {@code before} is the (createdAt, id) cursor of the previous page or null. */
  public List<RunRow> list(Connection c, Scope scope, String environment, String status, long[] before, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE org_id = ? AND project_id = ?");
    List<Object> args = new ArrayList<>(List.of(scope.org(), scope.project()));
    if (environment != null) {
      sql.append(" AND environment = ?");
      args.add(environment);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (before != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      args.add(before[0]);
      args.add(before[0]);
      args.add(before[1]);
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      Sql.bind(ps, args.toArray());
      List<RunRow> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  /**
   * The run's row under its row lock ({@code FOR UPDATE}), or null. Every transaction that writes
   * to a run takes this lock first, before any of its jobs' locks (one lock order, no deadlocks),
   * and holds it until commit: that is what makes the event log gap-free and ordered.
   */
  public RunRow lock(Connection c, Scope scope, String runUlid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
        + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ? FOR UPDATE")) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /** {@link #lock} by the run's internal id. */
  public RunRow lockById(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? row(rs) : null;
      }
    }
  }

  /** Writes the event-log head, the terminal counters and the status of a locked run in one statement. */
  public void saveHead(Connection c, RunRow r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SAVE_HEAD)) {
      bindSaveHead(ps, 1, r);
      ps.executeUpdate();
    }
  }

  static final String SAVE_HEAD = "UPDATE runs SET last_seq = ?, job_succeeded = ?, job_failed = ?, status = ?,"
      + " started_at = ?, finished_at = ? WHERE id = ?";

  /** Binds {@link #SAVE_HEAD}'s parameters for {@code r}, numbered from {@code f}. */
  static void bindSaveHead(PreparedStatement ps, int f, RunRow r) throws SQLException {
    ps.setLong(f, r.lastSeq());
    ps.setInt(f + 1, r.jobSucceeded());
    ps.setInt(f + 2, r.jobFailed());
    ps.setString(f + 3, r.status());
    Sql.setLong(ps, f + 4, r.startedAt());
    Sql.setLong(ps, f + 5, r.finishedAt());
    ps.setLong(f + 6, r.id());
  }

  /** How many jobs of the run are in each phase. */
  public Map<Phase, Integer> phaseCounts(Connection c, long runId) throws SQLException {
    Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT phase, COUNT(*) FROM run_jobs WHERE run_id = ? GROUP BY phase")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(Phase.fromWire(rs.getString(1)), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  static RunRow row(ResultSet rs) throws SQLException {
    return new RunRow(rs.getLong("id"), new Scope(rs.getString("org_id"), rs.getString("project_id")),
        rs.getString("run_ulid"), rs.getString("plan_digest"), rs.getString("source"), rs.getString("environment"),
        rs.getString("git_commit"), rs.getString("git_ref"), rs.getBoolean("git_dirty"),
        rs.getString("created_by_id"), rs.getString("created_by_kind"), rs.getString("status"),
        rs.getLong("last_seq"), rs.getInt("job_total"), rs.getInt("job_succeeded"), rs.getInt("job_failed"),
        rs.getLong("created_at"), Sql.getLong(rs, "started_at"), Sql.getLong(rs, "finished_at"));
  }
}
