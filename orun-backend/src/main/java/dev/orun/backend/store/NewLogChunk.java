package dev.orun.backend.store;

/** A chunk of a job's log to insert ({@code log_chunks}), numbered by the job's {@code log_next_seq}. */
public record NewLogChunk(String jobId, long seq, String content) {}
