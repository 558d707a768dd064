package dev.orun.core.state;

/**
 * The answer to a claim. Only {@link Outcome#CLAIMED} lets the caller run the job.
 * {@code status} is the job's recorded status when the claim was refused.
 */
public record ClaimResult(Outcome outcome, Status status) {

    public enum Outcome {
        /** This process now owns the job and must run it (and report its end). */
        CLAIMED,
        /** The job already ended ({@code status} says how); nothing to do. */
        ALREADY_DONE,
        /** Another live process holds the job; wait for its end by reading the state. */
        HELD_ELSEWHERE
    }

    public static ClaimResult claimed() {
        return new ClaimResult(Outcome.CLAIMED, Status.RUNNING);
    }

    public boolean isClaimed() {
        return outcome == Outcome.CLAIMED;
    }
}
