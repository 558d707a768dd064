package dev.orun.backend.service;

import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.LockedRun;
import dev.orun.backend.store.PostgresRunWrites;
import dev.orun.backend.store.RunDependents;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the verbs of one group transaction on a run share ({@link RunWriter}): the connection, the
 * run's event log (opened under the run's row lock), and the rows of the jobs they act on, locked.
 * A verb sees what the verbs before it in the same transaction did, exactly as if each had
 * committed on its own; the changed job rows are written in one batch by {@link #flush}.
 */
final class RunBatch {
  private static final JobStore JOBS = new JobStore();
  private static final PostgresRunWrites POSTGRES = new PostgresRunWrites();

  private final Connection connection;
  private final boolean postgres;
  private final RunDependents dependents;
  private final Scope scope;
  private final EventLog log;
  private final Map<String, JobRow> locked;
  private final Map<String, JobRow> dirty = new LinkedHashMap<>();
  private final Set<String> succeeded = new LinkedHashSet<>();

  RunBatch(Connection connection, boolean postgres, RunDependents dependents, Scope scope, EventLog log,
      LockedRun locked) {
    this.connection = connection;
    this.postgres = postgres;
    this.dependents = dependents;
    this.scope = scope;
    this.log = log;
    this.locked = locked.jobs();
  }

  Connection connection() {
    return connection;
  }

  Scope scope() {
    return scope;
  }

  EventLog log() {
    return log;
  }

  RunRow run() {
    return log.run();
  }

  /** The job as it stands now (under its row lock), or null when the run has no such job. */
  JobRow job(String jobId) {
    return locked.get(jobId);
  }

  /** Records the job's new state; written by {@link #flush}. */
  void put(JobRow job) {
    JobRow before = locked.put(job.jobId(), job);
    dirty.put(job.jobId(), job);
    if (job.phase().success() && (before == null || !before.phase().success())) {
      succeeded.add(job.jobId());
    }
  }

  /**
   * True when every dependency of {@code job} succeeded (or was memoized): none was left when its
   * row was read under the lock ({@code deps_left}), apart from those that succeeded earlier in
   * this transaction, which {@link #flush} has not counted yet. No extra statement.
   */
  boolean dependenciesSucceeded(JobRow job) {
    int left = job.depsLeft();
    if (left > 0 && !succeeded.isEmpty()) {
      for (String dep : new TreeSet<>(job.deps())) {
        if (succeeded.contains(dep)) {
          left--;
        }
      }
    }
    return left == 0;
  }

  /**
   * Writes the changed jobs, the appended events and the run row; the last thing the transaction
   * does. On PostgreSQL the commit goes with the writes ({@link PostgresRunWrites#writeAndCommit}).
   */
  void flush() throws SQLException {
    Map<String, Integer> waits = dependents.waitsAfter(connection, run().id(), succeeded);
    if (postgres) {
      POSTGRES.writeAndCommit(connection, log.opened(), run(), log.pending(), dirty.values(), waits);
      return;
    }
    JOBS.updateAll(connection, dirty.values());
    JOBS.dependenciesSucceeded(connection, run().id(), waits);
    log.flush(connection);
  }

  boolean appended() {
    return log.changed();
  }
}
