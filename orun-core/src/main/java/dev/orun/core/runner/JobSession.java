package dev.orun.core.runner;

/**
 * A job in progress on a runner (a container, for example). Closed when the job ends.
 *
 * <p><b>Implemented by</b> a runner, returned from {@link Runner#startJob}. <b>Called by</b> the
 * engine's thread for that job only: {@link #runStep} once per step, in order, then
 * {@link #close()} (also after a failure or cancellation). A session need not be thread-safe;
 * cancellation reaches it as an interrupt of that thread.
 */
public interface JobSession extends AutoCloseable {

    /**
     * Runs one step to completion and reports how it ended. A non-zero exit is a result, not an
     * exception. Enforces {@link StepRequest#timeout()} by stopping everything the step started.
     *
     * @throws InterruptedException when the engine cancels the run; the step's processes are gone
     */
    StepResult runStep(StepRequest request) throws InterruptedException;

    /**
     * Whether steps registered clean-up to run after the job's last step (GitHub actions'
     * {@code post} stages). The engine then runs {@link #runPostActions} as one more recorded
     * step, {@value #POST_ACTIONS_STEP_ID}, even when an earlier step failed.
     */
    default boolean hasPostActions() {
        return false;
    }

    String POST_ACTIONS_STEP_ID = "post-actions";

    /** Runs the registered clean-up, newest first; its output goes to the request's sink. */
    default StepResult runPostActions(StepRequest request) throws InterruptedException {
        return StepResult.exited(0);
    }

    /** Releases what the job held; keeps it when {@link JobContext#keepResources()} is set. */
    @Override
    void close();
}
