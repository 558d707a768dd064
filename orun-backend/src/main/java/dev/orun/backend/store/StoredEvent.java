package dev.orun.backend.store;

/** An event as stored: its run, gap-free sequence number and JSON payload. */
public record StoredEvent(long runId, long seq, String kind, String jobId, String actorId, String actorType,
    long at, String payloadJson) {}
