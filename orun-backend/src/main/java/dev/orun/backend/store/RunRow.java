package dev.orun.backend.store;

/** One row of {@code runs}: the run's read model, including the event log head. */
public record RunRow(
    long id,
    Scope scope,
    String runUlid,
    String planDigest,
    String source,
    String environment,
    String gitCommit,
    String gitRef,
    boolean gitDirty,
    String createdById,
    String createdByKind,
    String status,
    long lastSeq,
    int jobTotal,
    int jobSucceeded,
    int jobFailed,
    long createdAt,
    Long startedAt,
    Long finishedAt) {

  /** The same run with a new event-log head, counters and status (what {@code RunStore.saveHead} writes). */
  public RunRow withHead(long newLastSeq, int succeeded, int failed, String newStatus, Long started, Long finished) {
    return new RunRow(id, scope, runUlid, planDigest, source, environment, gitCommit, gitRef, gitDirty, createdById,
        createdByKind, newStatus, newLastSeq, jobTotal, succeeded, failed, createdAt, started, finished);
  }
}
