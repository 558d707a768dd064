package dev.orun.backend.store;

import dev.orun.backend.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The {@code run_jobs} table: the materialised state of every job of every run. */
public final class JobStore {
  /** Its plan is checked by PostgresJobIndexesTest: one range of the phase index, no sort. */
  static final String FRONTIER = "SELECT job_id FROM run_jobs WHERE run_id = (SELECT id FROM runs WHERE org_id = ?"
      + " AND project_id = ? AND run_ulid = ?) AND phase = 'queued' AND deps_left = 0 ORDER BY job_id";
  static final String COLUMNS = "run_id, job_id, component, deps_json, phase, runner_id, lease_epoch,"
      + " lease_expires_at, attempt, result_digest, error_text, started_at, finished_at, log_next_seq, deps_left";

  public void insertAll(Connection c, long runId, List<JobRow> jobs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO run_jobs (run_id, job_id, component, deps_json, phase, attempt, deps_left) VALUES (?,?,?,?,?,?,?)")) {
      for (JobRow j : jobs) {
        Sql.bind(ps, runId, j.jobId(), j.component(), Json.write(j.deps()), j.phase().wire(), j.attempt(),
            j.depsLeft());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_job_deps (run_id, job_id, dep_id) VALUES (?,?,?)")) {
      int n = 0;
      for (JobRow j : jobs) {
        for (String dep : new java.util.TreeSet<>(j.deps())) {
          Sql.bind(ps, runId, j.jobId(), dep);
          ps.addBatch();
          n++;
        }
      }
      if (n > 0) {
        ps.executeBatch();
      }
    }
  }

  /**
   * Queued jobs whose dependencies all succeeded, sorted by id: the jobs with no dependency left
   * to wait for ({@code deps_left}, kept by {@link #dependenciesSucceeded}). One statement, so one
   * round trip: the run is found by a subquery and the jobs are one range of
   * {@code run_jobs_by_phase}, already in order. Empty also when {@code scope} has no such run.
   */
  public List<String> frontier(Connection c, Scope scope, String runUlid) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(FRONTIER)) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Takes from each dependent's count of unfinished dependencies how many of them just succeeded
   * (or were memoized) ({@code waits}, from {@link RunDependents#waitsAfter}). Called once per
   * success, in the transaction that records it; the run's row lock, held by every writer, orders
   * these updates.
   */
  public void dependenciesSucceeded(Connection c, long runId, java.util.Map<String, Integer> waits)
      throws SQLException {
    if (waits.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE run_jobs SET deps_left = deps_left - ? WHERE run_id = ? AND job_id = ?")) {
      for (java.util.Map.Entry<String, Integer> w : waits.entrySet()) {
        Sql.bind(ps, w.getValue(), runId, w.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Reads the job and holds its row lock until the transaction ends ({@code FOR UPDATE}). */
  public JobRow lock(Connection c, long runId, String jobId) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM run_jobs WHERE run_id = ? AND job_id = ? FOR UPDATE", runId, jobId);
  }

  public JobRow find(Connection c, long runId, String jobId) throws SQLException {
    return one(c, "SELECT " + COLUMNS + " FROM run_jobs WHERE run_id = ? AND job_id = ?", runId, jobId);
  }

  public List<JobRow> list(Connection c, long runId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM run_jobs WHERE run_id = ? ORDER BY job_id")) {
      ps.setLong(1, runId);
      return rows(ps);
    }
  }

  /**
   * Locks the named jobs of a run ({@code FOR UPDATE}) in job-id order, the one order every
   * transaction locks several jobs in; returns the rows found, by id.
   */
  public java.util.Map<String, JobRow> lockAll(Connection c, long runId, java.util.SortedSet<String> jobIds)
      throws SQLException {
    java.util.Map<String, JobRow> out = new java.util.HashMap<>();
    if (jobIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM run_jobs WHERE run_id = ?"
        + " AND job_id IN (" + marks(jobIds.size()) + ") ORDER BY job_id FOR UPDATE")) {
      bindIds(ps, runId, jobIds);
      for (JobRow j : rows(ps)) {
        out.put(j.jobId(), j);
      }
    }
    return out;
  }

  /** Writes several job rows in one batch. */
  public void updateAll(Connection c, java.util.Collection<JobRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      for (JobRow j : rows) {
        bindUpdate(ps, j);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  private static void bindIds(PreparedStatement ps, long runId, java.util.Collection<String> ids) throws SQLException {
    ps.setLong(1, runId);
    int i = 2;
    for (String id : ids) {
      ps.setString(i++, id);
    }
  }

  public void update(Connection c, JobRow j) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
      bindUpdate(ps, j);
      ps.executeUpdate();
    }
  }

  static final String UPDATE = "UPDATE run_jobs SET phase = ?, runner_id = ?, lease_epoch = ?,"
      + " lease_expires_at = ?, attempt = ?, result_digest = ?, error_text = ?, started_at = ?, finished_at = ?,"
      + " log_next_seq = ? WHERE run_id = ? AND job_id = ?";

  static final int UPDATE_PARAMETERS = 12;

  private static void bindUpdate(PreparedStatement ps, JobRow j) throws SQLException {
    bindUpdate(ps, 1, j);
  }

  /** Binds {@link #UPDATE}'s parameters for {@code j}, numbered from {@code f}. */
  static void bindUpdate(PreparedStatement ps, int f, JobRow j) throws SQLException {
    ps.setString(f, j.phase().wire());
    ps.setString(f + 1, j.runnerId());
    ps.setLong(f + 2, j.leaseEpoch());
    Sql.setLong(ps, f + 3, j.leaseExpiresAt());
    ps.setInt(f + 4, j.attempt());
    ps.setString(f + 5, j.resultDigest());
    ps.setString(f + 6, j.errorText());
    Sql.setLong(ps, f + 7, j.startedAt());
    Sql.setLong(ps, f + 8, j.finishedAt());
    ps.setLong(f + 9, j.logNextSeq());
    ps.setLong(f + 10, j.runId());
    ps.setString(f + 11, j.jobId());
  }

  /** Claimed jobs whose lease ran out at {@code now}, oldest first, as (runId, jobId). */
  public List<Object[]> expiredLeases(Connection c, long now, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT run_id, job_id FROM run_jobs WHERE phase = 'claimed'"
        + " AND lease_expires_at <= ? ORDER BY lease_expires_at LIMIT " + limit)) {
      ps.setLong(1, now);
      List<Object[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Object[] {rs.getLong(1), rs.getString(2)});
        }
      }
      return out;
    }
  }

  private JobRow one(Connection c, String sql, long runId, String jobId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, runId);
      ps.setString(2, jobId);
      List<JobRow> rows = rows(ps);
      return rows.isEmpty() ? null : rows.get(0);
    }
  }

  private static List<JobRow> rows(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rows(rs);
    }
  }

  static List<JobRow> rows(ResultSet rs) throws SQLException {
    List<JobRow> out = new ArrayList<>();
    while (rs.next()) {
      out.add(new JobRow(rs.getLong("run_id"), rs.getString("job_id"), rs.getString("component"),
          Json.readStringList(rs.getString("deps_json")), Phase.fromWire(rs.getString("phase")),
          rs.getString("runner_id"), rs.getLong("lease_epoch"), Sql.getLong(rs, "lease_expires_at"),
          rs.getInt("attempt"), rs.getString("result_digest"), rs.getString("error_text"),
          Sql.getLong(rs, "started_at"), Sql.getLong(rs, "finished_at"), rs.getLong("log_next_seq"),
          rs.getInt("deps_left")));
    }
    return out;
  }
}
