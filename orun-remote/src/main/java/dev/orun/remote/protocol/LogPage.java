package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code GET …/runs/{runId}/logs/{jobId}?fromSeq=N}: the chunks from {@code fromSeq} on,
 * concatenated; {@code nextSeq} to ask for next; {@code complete} once the job is terminal and no
 * chunk is left.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogPage(String content, long nextSeq, boolean complete) {}
