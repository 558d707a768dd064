package dev.orun.core.state;

import java.util.Objects;

/**
 * Proof that a caller holds a job: the job id and the lease epoch its claim was granted with.
 * Epochs strictly increase per job, so a token from before a takeover is recognisably stale.
 *
 * <p>Made by a {@link StateBackend} in {@link StateBackend#claim}; the engine passes it back on
 * every later write for that job (heartbeat, step transitions, log, job end) from the job's own
 * thread or the heartbeat thread. A backend refuses a write whose token is no longer the job's
 * current one with {@link LeaseLostException}.
 *
 * @param jobId the job the claim is for
 * @param epoch the lease epoch, 1 for the first claim of the job, higher after each takeover
 */
public record ClaimToken(String jobId, long epoch) {

    public ClaimToken {
        Objects.requireNonNull(jobId, "jobId");
        if (epoch < 1) {
            throw new IllegalArgumentException("lease epochs start at 1, got " + epoch);
        }
    }

    // equals and hashCode are written out: a record's generated ones link through
    // java.lang.runtime.ObjectMethods at their first call, which spins some 25 method-handle
    // classes that no class-data archive keeps on Java 17 (~0.1 s of CPU in a fresh JVM, paid by
    // every remote runner, whose claims are keyed by token); see docs/decisions/cli-start-up.md.
    @Override
    public boolean equals(Object other) {
        return other instanceof ClaimToken that && epoch == that.epoch && jobId.equals(that.jobId);
    }

    @Override
    public int hashCode() {
        return 31 * jobId.hashCode() + Long.hashCode(epoch);
    }

    @Override
    public String toString() {
        return jobId + "#" + epoch;
    }
}
