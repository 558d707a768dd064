package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The flat claim answer, always HTTP 200. Won: {@code claimed:true} with the lease. Lost:
 * {@code claimed:false} with a {@link #reason} ({@value #DEPS_NOT_READY}, {@value #JOB_HELD},
 * {@value #RUN_TERMINAL} — this job is terminal — or {@value #NOT_FOUND}). Memo hit:
 * {@code claimed:false, cached:true, result}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimResponse(
    boolean claimed,
    String reason,
    Long leaseEpoch,
    Instant leaseExpiresAt,
    Long seq,
    Integer attempt,
    Integer leaseSeconds,
    Integer heartbeatIntervalSeconds,
    Boolean cached,
    CachedResult result) {

  public static final String DEPS_NOT_READY = "deps_not_ready";
  public static final String JOB_HELD = "job_held";
  public static final String RUN_TERMINAL = "run_terminal";
  public static final String NOT_FOUND = "not_found";

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CachedResult(String digest) {}

  public static ClaimResponse won(long epoch, Instant expires, long seq, int attempt, int leaseSeconds,
      int heartbeatSeconds) {
    return new ClaimResponse(true, null, epoch, expires, seq, attempt, leaseSeconds, heartbeatSeconds, null, null);
  }

  public static ClaimResponse lost(String reason) {
    return new ClaimResponse(false, reason, null, null, null, null, null, null, null, null);
  }

  public static ClaimResponse cached(String digest) {
    return new ClaimResponse(false, null, null, null, null, null, null, null, true, new CachedResult(digest));
  }
}
