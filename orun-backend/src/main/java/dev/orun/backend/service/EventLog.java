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
 * Appends a decision's events to a run's log and settles the run's read model in the same
 * transaction: sequence numbers under the run's row lock, the job counters, and the run-level
 * events and status that follow from them (docs/decisions/backend-coordination.md).
 */
final class EventLog {
  private final RunStore runs;
  private final EventStore events;

  EventLog(RunStore runs, EventStore events) {
    this.runs = runs;
    this.events = events;
  }

  /** Returns the sequence number of the last of {@code batch} (the run's head if it is empty). */
  long append(Connection c, RunRow before, List<NewEvent> batch, int succeededDelta, int failedDelta, long now,
      Caller caller) throws SQLException {
    if (batch.isEmpty()) {
      return before.lastSeq();
    }
    RunRow after = runs.advance(c, before.id(), batch.size(), succeededDelta, failedDelta);
    long first = after.lastSeq() - batch.size() + 1;
    long jobSeq = after.lastSeq();
    String status = statusOf(after, batch);
    List<NewEvent> runEvents = new ArrayList<>();
    if (!status.equals(after.status())) {
      if (status.equals("succeeded")) {
        runEvents.add(runEvent(WireEvent.RUN_COMPLETED, now, caller));
      } else if (status.equals("failed")) {
        runEvents.add(runEvent(WireEvent.RUN_FAILED, now, caller));
      }
    }
    List<NewEvent> all = new ArrayList<>(batch);
    if (!runEvents.isEmpty()) {
      runs.advance(c, before.id(), runEvents.size(), 0, 0);
      all.addAll(runEvents);
    }
    events.append(c, before.id(), first, all);
    if (!status.equals(after.status())) {
      Long started = after.startedAt() != null ? after.startedAt() : (status.equals("pending") ? null : now);
      boolean terminal = status.equals("succeeded") || status.equals("failed") || status.equals("canceled");
      runs.setStatus(c, before.id(), status, started, terminal ? now : null);
    }
    return jobSeq;
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
