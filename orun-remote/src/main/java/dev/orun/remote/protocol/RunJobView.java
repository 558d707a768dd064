package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * One job of a run as dialect A reports it. {@code status} ∈
 * queued|claimed|running|succeeded|failed|timed_out|canceled.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunJobView(
    String runId,
    String jobId,
    String orgId,
    String projectId,
    String component,
    List<String> deps,
    String status,
    String runnerId,
    Long leaseEpoch,
    Instant leaseExpiresAt,
    int attempt,
    String errorText,
    Instant startedAt,
    Instant finishedAt) {}
