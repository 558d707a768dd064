package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST …/runs/{runId}/jobs/{jobId}:claim}. {@code retry} re-opens a failed or timed-out job
 * before claiming it; {@code hermetic} and {@code jobInputHash} ask for a memoized result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimRequest(String runnerId, Boolean hermetic, String jobInputHash, Boolean retry) {
  public static ClaimRequest of(String runnerId) {
    return new ClaimRequest(runnerId, null, null, null);
  }
}
