package dev.orun.core.state;

import java.time.Instant;

/**
 * The answer to {@link StateBackend#claim}. Only {@link Outcome#CLAIMED} lets the caller run the
 * job, and then {@code token} is the proof it passes back on every later write for the job.
 *
 * <p>Made by {@link StateBackend} implementations; read by the engine's job threads.
 *
 * @param outcome        what happened
 * @param status         the job's recorded status ({@code running} when claimed)
 * @param token          the claim token when {@code CLAIMED}, else {@code null}
 * @param leaseExpiresAt when the lease ends unless renewed by a heartbeat ({@code null} unless
 *                       {@code CLAIMED})
 */
public record ClaimResult(Outcome outcome, Status status, ClaimToken token, Instant leaseExpiresAt) {

    public enum Outcome {
        /** The caller now holds the job and must run it (and report its end with the token). */
        CLAIMED,
        /** The job already ended ({@code status} says how); nothing to do. */
        ALREADY_DONE,
        /**
         * Another live worker holds the job; wait for a change with
         * {@link StateBackend#awaitJobs} and claim again.
         */
        HELD_ELSEWHERE,
        /**
         * A dependency of the job has not succeeded yet (backends that know the graph, e.g. a
         * remote state server); wait with {@link StateBackend#awaitJobs} on the dependencies.
         */
        NOT_READY
    }

    public static ClaimResult claimed(ClaimToken token, Instant leaseExpiresAt) {
        return new ClaimResult(Outcome.CLAIMED, Status.RUNNING, token, leaseExpiresAt);
    }

    public static ClaimResult alreadyDone(Status status) {
        return new ClaimResult(Outcome.ALREADY_DONE, status, null, null);
    }

    public static ClaimResult heldElsewhere(Status status) {
        return new ClaimResult(Outcome.HELD_ELSEWHERE, status, null, null);
    }

    public boolean isClaimed() {
        return outcome == Outcome.CLAIMED;
    }
}
