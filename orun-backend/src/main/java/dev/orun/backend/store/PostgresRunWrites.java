package dev.orun.backend.store;

import dev.orun.backend.Json;
import dev.orun.remote.protocol.WireEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;

/**
 * The statements of a group transaction on a run ({@code RunWriter}) in two round trips on
 * PostgreSQL, commit included, instead of seven to ten: one that locks the run row, then the named
 * jobs; and one that writes the events, the changed jobs, the dependents' counts (who the
 * dependents are is known without a statement: {@link RunDependents}) and the run row, and
 * commits. The driver sends the statements of each together and the server runs them in
 * order (docs/decisions/backend-throughput.md). H2 runs them one by one ({@link JobStore},
 * {@link RunStore}, {@link EventStore}).
 */
public final class PostgresRunWrites {
  private static final String LOCK_RUN = "SELECT " + RunStore.COLUMNS
      + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ? FOR UPDATE";
  /**
   * One job by its full key, a statement per job: PostgreSQL plans {@code job_id = ANY (?)} afresh
   * on every execution (its generic plan cannot know the array's size), this once per connection.
   */
  private static final String LOCK_JOB = "SELECT " + JobStore.COLUMNS + " FROM run_jobs WHERE run_id = (SELECT id"
      + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ?) AND job_id = ? FOR UPDATE";
  private static final String INSERT_EVENTS = "INSERT INTO run_events (run_id, seq, kind, job_id, actor_id,"
      + " actor_type, at, payload_json) VALUES ";
  private static final String LOG_CHUNK = "INSERT INTO log_chunks (run_id, job_id, seq, content) VALUES (?,?,?,?)";
  private static final String DEPENDENT = "UPDATE run_jobs SET deps_left = deps_left - ? WHERE run_id = ?"
      + " AND job_id = ?";
  /** Every job of the run, unlocked: run after the run's lock, which every writer of its jobs takes first. */
  private static final String ALL_JOBS = "SELECT " + JobStore.COLUMNS + " FROM run_jobs WHERE run_id = (SELECT id"
      + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ?) LIMIT ?";
  /** The jobs the events after a given one name (every writer of a run appends events naming what it changed). */
  private static final String CHANGED_JOBS = "SELECT kind, job_id FROM run_events WHERE run_id = (SELECT id"
      + " FROM runs WHERE org_id = ? AND project_id = ? AND run_ulid = ?) AND seq > ? ORDER BY seq LIMIT ?";
  private static final int MAX_CHANGED = 256;
  private static final String LOCK_RUN_BY_ID = "SELECT id FROM runs WHERE id = ? FOR UPDATE";
  /**
   * Fails (division by zero) unless the run row still is the cached one. A statement of its own,
   * after the lock: under READ COMMITTED it reads the newest committed row, which nobody can change
   * while the lock is held.
   */
  private static final String RUN_UNCHANGED = "SELECT 1 / COUNT(*) FROM runs WHERE id = ? AND last_seq = ?"
      + " AND job_succeeded = ? AND job_failed = ? AND status = ? AND started_at IS NOT DISTINCT FROM ?"
      + " AND finished_at IS NOT DISTINCT FROM ?";
  /**
   * Locks the job, like {@code LOCK_JOB}, and fails unless its row is the cached one. Should the row
   * have been changed after the statement's snapshot, PostgreSQL re-evaluates it on the version it
   * locks; either way the check holds for the row under the lock.
   */
  private static final String JOB_UNCHANGED = "SELECT 1 / (CASE WHEN phase = ? AND runner_id IS NOT DISTINCT FROM ?"
      + " AND lease_epoch = ? AND lease_expires_at IS NOT DISTINCT FROM ? AND attempt = ?"
      + " AND result_digest IS NOT DISTINCT FROM ? AND error_text IS NOT DISTINCT FROM ?"
      + " AND started_at IS NOT DISTINCT FROM ? AND finished_at IS NOT DISTINCT FROM ? AND log_next_seq = ?"
      + " AND deps_left = ? THEN 1 ELSE 0 END) FROM run_jobs WHERE run_id = ? AND job_id = ? FOR UPDATE";
  private static final String DIVISION_BY_ZERO = "22012";

  /**
   * Locks the run row, then the named jobs in id order (the lock order of every writer), in one
   * round trip. With {@code allUpTo} > 0 it also reads every job of the run, if it has no more than
   * that ({@link LockedRun#all}); with {@code changedAfter} >= 0 the jobs named by the events after
   * that sequence number ({@link LockedRun#changedJobs}). Null when the run does not exist in
   * {@code scope}.
   */
  public LockedRun lock(Connection c, Scope scope, String runUlid, SortedSet<String> jobIds, int allUpTo,
      long changedAfter) throws SQLException {
    List<String> statements = new ArrayList<>(jobIds.size() + 3);
    statements.add(LOCK_RUN);
    statements.addAll(Collections.nCopies(jobIds.size(), LOCK_JOB));
    if (allUpTo > 0) {
      statements.add(ALL_JOBS);
    }
    if (changedAfter >= 0) {
      statements.add(CHANGED_JOBS);
    }
    try (PreparedStatement ps = c.prepareStatement(String.join(";\n", statements))) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      int p = 4;
      for (String jobId : jobIds) { // a SortedSet: the jobs are locked in id order
        Sql.bindAt(ps, p, scope.org(), scope.project(), runUlid, jobId);
        p += 4;
      }
      if (allUpTo > 0) {
        Sql.bindAt(ps, p, scope.org(), scope.project(), runUlid, allUpTo + 1);
        p += 4;
      }
      if (changedAfter >= 0) {
        Sql.bindAt(ps, p, scope.org(), scope.project(), runUlid, changedAfter, MAX_CHANGED + 1);
      }
      ps.execute();
      RunRow run;
      try (ResultSet rs = ps.getResultSet()) {
        run = rs.next() ? RunStore.row(rs) : null;
      }
      Map<String, JobRow> jobs = new HashMap<>();
      for (int i = 0; i < jobIds.size(); i++) {
        ps.getMoreResults();
        try (ResultSet rs = ps.getResultSet()) {
          for (JobRow j : JobStore.rows(rs)) {
            jobs.put(j.jobId(), j);
          }
        }
      }
      List<JobRow> all = null;
      if (allUpTo > 0) {
        ps.getMoreResults();
        try (ResultSet rs = ps.getResultSet()) {
          all = JobStore.rows(rs);
        }
        if (all.size() > allUpTo) {
          all = null;
        }
      }
      Set<String> changed = null;
      if (changedAfter >= 0) {
        ps.getMoreResults();
        try (ResultSet rs = ps.getResultSet()) {
          changed = changedJobs(rs);
        }
      }
      return run == null ? null : new LockedRun(run, jobs, all, changed);
    }
  }

  /**
   * In one round trip: inserts the log {@code chunks}, appends {@code events} (numbered from {@code opened.lastSeq() + 1}), writes
   * the changed jobs, takes {@code waits} from the counts of unfinished dependencies of the
   * dependents of the jobs that succeeded (after the job writes, so a job both changed and waiting gets both),
   * saves the run's head when it moved, and commits. Plain statements by primary key, so every
   * plan is a key lookup; the text depends only on how many of each there are. The {@code COMMIT}
   * travels with the writes instead of in a round trip of its own (the driver then knows the
   * transaction is over, and {@link Connection#commit} sends nothing); it is still a synchronous
   * commit, and this returns only once it is durable. If any statement fails, the server skips the
   * rest, {@code COMMIT} included, and the caller rolls back. Nothing to write: nothing is sent,
   * and the caller's commit releases the locks.
   *
   * <p>With {@code cached} (the transaction was decided from rows it has not read), the same round
   * trip first locks the run row, checks it is unchanged, and locks each named job in id order,
   * checking it is unchanged: the locks and their order are those of {@link #lock}, and if any row
   * differs the request fails before its first write ({@link #isStale}).
   */
  public void writeAndCommit(Connection c, RunRow opened, RunRow run, List<NewEvent> events, List<NewLogChunk> chunks,
      Collection<JobRow> jobs, Map<String, Integer> waits, CachedRows cached) throws SQLException {
    List<String> statements = new ArrayList<>();
    if (cached != null) {
      statements.add(LOCK_RUN_BY_ID);
      statements.add(RUN_UNCHANGED);
      statements.addAll(Collections.nCopies(cached.jobs().size(), JOB_UNCHANGED));
    }
    statements.addAll(Collections.nCopies(chunks.size(), LOG_CHUNK));
    if (!events.isEmpty()) {
      statements.add(INSERT_EVENTS + String.join(",", Collections.nCopies(events.size(), "(?,?,?,?,?,?,?,?)")));
    }
    statements.addAll(Collections.nCopies(jobs.size(), JobStore.UPDATE));
    statements.addAll(Collections.nCopies(waits.size(), DEPENDENT));
    boolean head = !run.equals(opened);
    if (head) {
      statements.add(RunStore.SAVE_HEAD);
    }
    if (statements.isEmpty()) {
      return;
    }
    statements.add("COMMIT");
    try (PreparedStatement ps = c.prepareStatement(String.join(";\n", statements))) {
      int p = cached == null ? 1 : bindChecks(ps, cached);
      for (NewLogChunk chunk : chunks) {
        Sql.bindAt(ps, p, run.id(), chunk.jobId(), chunk.seq(), chunk.content());
        p += 4;
      }
      long seq = opened.lastSeq() + 1;
      for (NewEvent e : events) {
        Sql.bindAt(ps, p, run.id(), seq++, e.kind(), e.jobId(), e.actorId(), e.actorType(), e.at(),
            Json.write(e.payload()));
        p += 8;
      }
      for (JobRow j : jobs) {
        JobStore.bindUpdate(ps, p, j);
        p += JobStore.UPDATE_PARAMETERS;
      }
      for (Map.Entry<String, Integer> w : waits.entrySet()) {
        Sql.bindAt(ps, p, w.getValue(), run.id(), w.getKey());
        p += 3;
      }
      if (head) {
        RunStore.bindSaveHead(ps, p, run);
      }
      ps.execute();
    }
  }

  /** True when {@code e} is a failed check of {@link #writeAndCommit}'s cached rows: nothing was written. */
  public static boolean isStale(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && DIVISION_BY_ZERO.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** The job ids named, or null when there are too many or a run-wide change (a cancel) among them. */
  private static Set<String> changedJobs(ResultSet rs) throws SQLException {
    Set<String> changed = new HashSet<>();
    int n = 0;
    while (rs.next()) {
      String jobId = rs.getString(2);
      if (++n > MAX_CHANGED || WireEvent.RUN_CANCELED.equals(rs.getString(1))) {
        return null;
      }
      if (jobId != null) {
        changed.add(jobId);
      }
    }
    return changed;
  }

  private static int bindChecks(PreparedStatement ps, CachedRows cached) throws SQLException {
    RunRow r = cached.run();
    ps.setLong(1, r.id());
    Sql.bindAt(ps, 2, r.id(), r.lastSeq(), r.jobSucceeded(), r.jobFailed(), r.status());
    Sql.setLong(ps, 7, r.startedAt());
    Sql.setLong(ps, 8, r.finishedAt());
    int p = 9;
    for (JobRow j : cached.jobs()) {
      Sql.bindAt(ps, p, j.phase().wire(), j.runnerId(), j.leaseEpoch());
      Sql.setLong(ps, p + 3, j.leaseExpiresAt());
      Sql.bindAt(ps, p + 4, j.attempt(), j.resultDigest(), j.errorText());
      Sql.setLong(ps, p + 7, j.startedAt());
      Sql.setLong(ps, p + 8, j.finishedAt());
      Sql.bindAt(ps, p + 9, j.logNextSeq(), j.depsLeft(), j.runId(), j.jobId());
      p += 13;
    }
    return p;
  }
}
