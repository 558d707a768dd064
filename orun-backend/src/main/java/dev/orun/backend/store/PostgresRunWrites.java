package dev.orun.backend.store;

import dev.orun.backend.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static final String DEPENDENT = "UPDATE run_jobs SET deps_left = deps_left - ? WHERE run_id = ?"
      + " AND job_id = ?";

  /**
   * Locks the run row, then the named jobs in id order (the lock order of every writer), in one
   * round trip. Null when the run does not exist in {@code scope}.
   */
  public LockedRun lock(Connection c, Scope scope, String runUlid, SortedSet<String> jobIds) throws SQLException {
    List<String> statements = new ArrayList<>(jobIds.size() + 1);
    statements.add(LOCK_RUN);
    statements.addAll(Collections.nCopies(jobIds.size(), LOCK_JOB));
    try (PreparedStatement ps = c.prepareStatement(String.join(";\n", statements))) {
      Sql.bind(ps, scope.org(), scope.project(), runUlid);
      int p = 4;
      for (String jobId : jobIds) { // a SortedSet: the jobs are locked in id order
        Sql.bindAt(ps, p, scope.org(), scope.project(), runUlid, jobId);
        p += 4;
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
      return run == null ? null : new LockedRun(run, jobs);
    }
  }

  /**
   * In one round trip: appends {@code events} (numbered from {@code opened.lastSeq() + 1}), writes
   * the changed jobs, takes {@code waits} from the counts of unfinished dependencies of the
   * dependents of the jobs that succeeded (after the job writes, so a job both changed and waiting gets both),
   * saves the run's head when it moved, and commits. Plain statements by primary key, so every
   * plan is a key lookup; the text depends only on how many of each there are. The {@code COMMIT}
   * travels with the writes instead of in a round trip of its own (the driver then knows the
   * transaction is over, and {@link Connection#commit} sends nothing); it is still a synchronous
   * commit, and this returns only once it is durable. If any statement fails, the server skips the
   * rest, {@code COMMIT} included, and the caller rolls back. Nothing to write: nothing is sent,
   * and the caller's commit releases the locks.
   */
  public void writeAndCommit(Connection c, RunRow opened, RunRow run, List<NewEvent> events, Collection<JobRow> jobs,
      Map<String, Integer> waits) throws SQLException {
    List<String> statements = new ArrayList<>();
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
      int p = 1;
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
}
