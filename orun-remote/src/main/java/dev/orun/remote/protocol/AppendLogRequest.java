package dev.orun.remote.protocol;

/** {@code POST …/runs/{runId}/logs/{jobId}}: one chunk (≤ 1 MiB UTF-8) of a job's log. */
public record AppendLogRequest(String runnerId, String content) {}
