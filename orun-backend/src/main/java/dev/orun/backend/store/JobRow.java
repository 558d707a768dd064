package dev.orun.backend.store;

import java.util.List;

/**
 * One row of {@code run_jobs}: the materialised state of one job, updated with its events.
 * {@code depsLeft} counts the dependencies that had not succeeded when the row was read; it is
 * kept by {@link JobStore#dependenciesSucceeded}, never by {@link JobStore#updateAll}.
 */
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
    long logNextSeq,
    int depsLeft) {

  public boolean leaseLive(long now) {
    return phase == Phase.CLAIMED && leaseExpiresAt != null && leaseExpiresAt > now;
  }

  public JobRow claimed(String runner, int newAttempt, long expires, long now) {
    return new JobRow(runId, jobId, component, deps, Phase.CLAIMED, runner, newAttempt, expires, newAttempt,
        resultDigest, null, startedAt == null ? now : startedAt, null, logNextSeq, depsLeft);
  }

  public JobRow renewed(long expires) {
    return new JobRow(runId, jobId, component, deps, phase, runnerId, leaseEpoch, expires, attempt, resultDigest,
        errorText, startedAt, finishedAt, logNextSeq, depsLeft);
  }

  /** Back to the queue with the next attempt number (lease expiry or retry re-open). */
  public JobRow requeued() {
    return new JobRow(runId, jobId, component, deps, Phase.QUEUED, null, leaseEpoch, null, attempt + 1, null, null,
        startedAt, null, logNextSeq, depsLeft);
  }

  public JobRow finished(Phase terminal, String digest, String error, long now) {
    return new JobRow(runId, jobId, component, deps, terminal, runnerId, leaseEpoch, leaseExpiresAt, attempt, digest,
        error, startedAt, now, logNextSeq, depsLeft);
  }

  public JobRow withLogNextSeq(long next) {
    return new JobRow(runId, jobId, component, deps, phase, runnerId, leaseEpoch, leaseExpiresAt, attempt,
        resultDigest, errorText, startedAt, finishedAt, next, depsLeft);
  }
}
