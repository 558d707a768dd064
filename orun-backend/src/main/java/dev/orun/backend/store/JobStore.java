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
  private static final String COLUMNS = "run_id, job_id, component, deps_json, phase, runner_id, lease_epoch,"
      + " lease_expires_at, attempt, result_digest, error_text, started_at, finished_at, log_next_seq";

  public void insertAll(Connection c, long runId, List<JobRow> jobs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO run_jobs (run_id, job_id, component, deps_json, phase, attempt) VALUES (?,?,?,?,?,?)")) {
      for (JobRow j : jobs) {
        Sql.bind(ps, runId, j.jobId(), j.component(), Json.write(j.deps()), j.phase().wire(), j.attempt());
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
   * Queued jobs whose dependencies all succeeded, sorted by id. Two range scans and the check in
   * Java: the single-query form (NOT EXISTS over the edge table) is planned disastrously by
   * PostgreSQL on fresh tables without statistics (minutes for 1000 jobs).
   */
  public List<String> frontier(Connection c, long runId) throws SQLException {
    java.util.Map<String, String> phases = new java.util.TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT job_id, phase FROM run_jobs WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          phases.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    java.util.Set<String> blocked = new java.util.HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT job_id, dep_id FROM run_job_deps WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String dep = phases.get(rs.getString(2));
          if (!"succeeded".equals(dep) && !"memoized".equals(dep)) {
            blocked.add(rs.getString(1));
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    phases.forEach((job, phase) -> {
      if (phase.equals("queued") && !blocked.contains(job)) {
        out.add(job);
      }
    });
    return out;
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

  /** True when every named job is succeeded or memoized (phases only move forward, so no lock). */
  public boolean allSucceeded(Connection c, long runId, List<String> jobIds) throws SQLException {
    if (jobIds.isEmpty()) {
      return true;
    }
    String marks = String.join(",", java.util.Collections.nCopies(jobIds.size(), "?"));
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM run_jobs WHERE run_id = ?"
        + " AND phase IN ('succeeded','memoized') AND job_id IN (" + marks + ")")) {
      ps.setLong(1, runId);
      for (int i = 0; i < jobIds.size(); i++) {
        ps.setString(i + 2, jobIds.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) == jobIds.size();
      }
    }
  }

  public void update(Connection c, JobRow j) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE run_jobs SET phase = ?, runner_id = ?, lease_epoch = ?,"
        + " lease_expires_at = ?, attempt = ?, result_digest = ?, error_text = ?, started_at = ?, finished_at = ?,"
        + " log_next_seq = ? WHERE run_id = ? AND job_id = ?")) {
      ps.setString(1, j.phase().wire());
      ps.setString(2, j.runnerId());
      ps.setLong(3, j.leaseEpoch());
      Sql.setLong(ps, 4, j.leaseExpiresAt());
      ps.setInt(5, j.attempt());
      ps.setString(6, j.resultDigest());
      ps.setString(7, j.errorText());
      Sql.setLong(ps, 8, j.startedAt());
      Sql.setLong(ps, 9, j.finishedAt());
      ps.setLong(10, j.logNextSeq());
      ps.setLong(11, j.runId());
      ps.setString(12, j.jobId());
      ps.executeUpdate();
    }
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
    List<JobRow> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new JobRow(rs.getLong("run_id"), rs.getString("job_id"), rs.getString("component"),
            Json.readStringList(rs.getString("deps_json")), Phase.fromWire(rs.getString("phase")),
            rs.getString("runner_id"), rs.getLong("lease_epoch"), Sql.getLong(rs, "lease_expires_at"),
            rs.getInt("attempt"), rs.getString("result_digest"), rs.getString("error_text"),
            Sql.getLong(rs, "started_at"), Sql.getLong(rs, "finished_at"), rs.getLong("log_next_seq")));
      }
    }
    return out;
  }
}
