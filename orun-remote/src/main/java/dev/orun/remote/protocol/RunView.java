package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A run as dialect A reports it. {@code status} ∈ pending|running|succeeded|failed|canceled. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunView(
    String runId,
    String orgId,
    String projectId,
    String environment,
    String status,
    String planDigest,
    String source,
    GitInfo git,
    Actor createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    JobCounts jobCounts) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record JobCounts(int queued, int running, int succeeded, int failed) {}
}
