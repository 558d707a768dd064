package dev.orun.core.state;

import dev.orun.core.OrunException;

/**
 * A write for a job was refused because the caller's {@link ClaimToken} is stale: the lease
 * expired and another worker took the job over (a higher epoch), or the job was reset.
 *
 * <p>Thrown by {@link StateBackend} implementations from {@code heartbeat}, the step transitions,
 * {@code openLog} and {@code jobFinished}, in the calling thread. The engine reacts by stopping the
 * job's steps at once and leaving the job's outcome to the new holder.
 */
public class LeaseLostException extends OrunException {
    private static final long serialVersionUID = 1L;

    private final transient ClaimToken token;

    public LeaseLostException(ClaimToken token, String why) {
        super(EXIT_FAILURE, "job " + token.jobId() + " lost its lease (epoch " + token.epoch() + "): " + why);
        this.token = token;
    }

    /** The stale token that was refused. */
    public ClaimToken token() {
        return token;
    }
}
