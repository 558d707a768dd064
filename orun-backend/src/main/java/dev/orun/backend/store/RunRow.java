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
    Long finishedAt) {}
