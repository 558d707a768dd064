package dev.orun.backend.store;

import java.util.List;

/** One row of {@code run_jobs}: the materialised state of one job, updated with its events. */
public record JobRow(
    long runId,
    String jobId,
    String component,
    List<String> deps,
    Phase phase,
    String runnerId,
    long leaseEpoch,
    Long leaseExpiresAt,
    int attempt,
    String resultDigest,
    String errorText,
    Long startedAt,
    Long finishedAt,
    long logNextSeq) {

  public boolean leaseLive(long now) {
    return phase == Phase.CLAIMED && leaseExpiresAt != null && leaseExpiresAt > now;
  }

  public JobRow claimed(String runner, int newAttempt, long expires, long now) {
    return new JobRow(runId, jobId, component, deps, Phase.CLAIMED, runner, newAttempt, expires, newAttempt,
        resultDigest, null, startedAt == null ? now : startedAt, null, logNextSeq);
  }

  public JobRow renewed(long expires) {
    return new JobRow(runId, jobId, component, deps, phase, runnerId, leaseEpoch, expires, attempt, resultDigest,
        errorText, startedAt, finishedAt, logNextSeq);
  }

  /** Back to the queue with the next attempt number (lease expiry or retry re-open). */
  public JobRow requeued() {
    return new JobRow(runId, jobId, component, deps, Phase.QUEUED, null, leaseEpoch, null, attempt + 1, null, null,
        startedAt, null, logNextSeq);
  }

  public JobRow finished(Phase terminal, String digest, String error, long now) {
    return new JobRow(runId, jobId, component, deps, terminal, runnerId, leaseEpoch, leaseExpiresAt, attempt, digest,
        error, startedAt, now, logNextSeq);
  }

  public JobRow withLogNextSeq(long next) {
    return new JobRow(runId, jobId, component, deps, phase, runnerId, leaseEpoch, leaseExpiresAt, attempt,
        resultDigest, errorText, startedAt, finishedAt, next);
  }
}
