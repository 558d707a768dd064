package dev.orun.backend.service;

import dev.orun.backend.store.EventStore;
import dev.orun.backend.store.NewEvent;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.remote.protocol.WireEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One write transaction's appends to a run's event log, with the run's read model settled as they
 * go: sequence numbers, the job counters, and the run-level events and status that follow from
 * them. It is opened on the run's row as read under its lock ({@link RunStore#lock}), numbers
 * events in memory, and {@link #flush} writes them and the run row before the commit
 * (docs/decisions/backend-coordination.md, docs/decisions/backend-group-commit.md).
 */
final class EventLog {
  private static final RunStore RUNS = new RunStore();
  private static final EventStore EVENTS = new EventStore();

  private final RunRow opened;
  private final List<NewEvent> pending = new ArrayList<>();
  private RunRow run;

  private EventLog(RunRow locked) {
    this.opened = locked;
    this.run = locked;
  }

  /** Starts appending to {@code locked}, which must have been read under the run's row lock. */
  static EventLog open(RunRow locked) {
    return new EventLog(locked);
  }

  /** The run as it stands after the appends so far. */
  RunRow run() {
    return run;
  }

  boolean changed() {
    return !pending.isEmpty() || !run.equals(opened);
  }

  /** Returns the sequence number of the last of {@code batch} (the run's head if it is empty). */
  long append(List<NewEvent> batch, int succeededDelta, int failedDelta, long now, Caller caller) {
    if (batch.isEmpty()) {
      return run.lastSeq();
    }
    long jobSeq = run.lastSeq() + batch.size();
    int succeeded = run.jobSucceeded() + succeededDelta;
    int failed = run.jobFailed() + failedDelta;
    RunRow after = run.withHead(jobSeq, succeeded, failed, run.status(), run.startedAt(), run.finishedAt());
    String status = statusOf(after, batch);
    pending.addAll(batch);
    if (!status.equals(after.status())) {
      long last = jobSeq;
      if (status.equals("succeeded")) {
        pending.add(runEvent(WireEvent.RUN_COMPLETED, now, caller));
        last++;
      } else if (status.equals("failed")) {
        pending.add(runEvent(WireEvent.RUN_FAILED, now, caller));
        last++;
      }
      Long started = after.startedAt() != null ? after.startedAt() : (status.equals("pending") ? null : now);
      boolean terminal = status.equals("succeeded") || status.equals("failed") || status.equals("canceled");
      after = after.withHead(last, succeeded, failed, status, started, terminal ? now : null);
    }
    run = after;
    return jobSeq;
  }

  /** Sets the run's status directly (cancel), keeping the log head and counters. */
  void setStatus(String status, Long startedAt, Long finishedAt) {
    run = run.withHead(run.lastSeq(), run.jobSucceeded(), run.jobFailed(), status, startedAt, finishedAt);
  }

  /** The run as it was read under its lock, before these appends. */
  RunRow opened() {
    return opened;
  }

  /** The events appended so far, numbered from {@code opened().lastSeq() + 1}. */
  List<NewEvent> pending() {
    return pending;
  }

  /** Inserts the appended events and writes the run row; call once, just before the commit. */
  void flush(Connection c) throws SQLException {
    if (!pending.isEmpty()) {
      EVENTS.append(c, run.id(), opened.lastSeq() + 1, pending);
    }
    if (!run.equals(opened)) {
      RUNS.saveHead(c, run);
    }
  }

  private static String statusOf(RunRow run, List<NewEvent> batch) {
    if (run.status().equals("canceled")) {
      return "canceled";
    }
    if (run.jobFailed() > 0) {
      return "failed";
    }
    if (run.jobSucceeded() >= run.jobTotal()) {
      return "succeeded";
    }
    boolean moved = run.startedAt() != null || !run.status().equals("pending")
        || batch.stream().anyMatch(e -> !e.kind().equals(WireEvent.RUN_CREATED));
    return moved ? "running" : "pending";
  }

  private static NewEvent runEvent(String kind, long now, Caller caller) {
    Map<String, Object> payload = new HashMap<>();
    payload.put("reason", null);
    return new NewEvent(kind, null, caller.id(), caller.type(), now, payload);
  }
}
