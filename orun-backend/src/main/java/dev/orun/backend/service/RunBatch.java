package dev.orun.backend.service;

import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.Phase;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.Scope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the verbs of one group transaction on a run share ({@link RunWriter}): the connection, the
 * run's event log (opened under the run's row lock), and the rows of the jobs they act on, locked.
 * A verb sees what the verbs before it in the same transaction did, exactly as if each had
 * committed on its own; the changed job rows are written in one batch by {@link #flush}.
 */
final class RunBatch {
  private static final JobStore JOBS = new JobStore();

  private final Connection connection;
  private final Scope scope;
  private final EventLog log;
  private final Map<String, JobRow> locked;
  private final Map<String, JobRow> dirty = new LinkedHashMap<>();
  private final Map<String, Phase> unlockedPhases = new HashMap<>();
  private final List<String> succeeded = new ArrayList<>();

  RunBatch(Connection connection, Scope scope, EventLog log, Map<String, JobRow> locked) {
    this.connection = connection;
    this.scope = scope;
    this.log = log;
    this.locked = locked;
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
   * True when every named job succeeded (or was memoized). Jobs outside this transaction's lock
   * set are read without a lock: phases only move forward, so "succeeded" stays true.
   */
  boolean allSucceeded(List<String> deps) throws SQLException {
    List<String> unread = new ArrayList<>();
    for (String dep : deps) {
      if (!locked.containsKey(dep) && !unlockedPhases.containsKey(dep)) {
        unread.add(dep);
      }
    }
    if (!unread.isEmpty()) {
      Map<String, Phase> read = JOBS.phases(connection, run().id(), unread);
      for (String dep : unread) {
        unlockedPhases.put(dep, read.get(dep));
      }
    }
    for (String dep : deps) {
      JobRow own = locked.get(dep);
      Phase phase = own != null ? own.phase() : unlockedPhases.get(dep);
      if (phase == null || !phase.success()) {
        return false;
      }
    }
    return true;
  }

  /** Writes the changed jobs, the appended events and the run row; the transaction then commits. */
  void flush() throws SQLException {
    JOBS.updateAll(connection, dirty.values());
    JOBS.dependencySucceeded(connection, run().id(), succeeded);
    log.flush(connection);
  }

  boolean appended() {
    return log.changed();
  }
}
