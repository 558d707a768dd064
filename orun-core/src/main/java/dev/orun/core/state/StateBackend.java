package dev.orun.core.state;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Where an execution's state lives: the local records under {@code .orun/executions/} or a remote
 * state server. The engine reports every transition through this interface and never touches
 * storage itself, so a worker on another machine sees the same run.
 *
 * <p>Implementations must be safe for concurrent use by the engine's job threads and by several
 * processes sharing an execution id: a job is run only by the process that {@link #claim claimed}
 * it.
 */
public interface StateBackend extends AutoCloseable {

    /**
     * Creates the run, or joins the existing one with the same id (resume, or another worker).
     * Refuses, with an {@link dev.orun.core.InvalidInputException}, a run whose recorded plan
     * checksum differs from {@code run.plan()}'s.
     *
     * @return the state as recorded so far (all jobs pending for a new run)
     */
    RunState open(RunDescriptor run);

    /**
     * The state recorded so far for this run, without creating or changing anything; empty when
     * the run does not exist yet. The engine validates a selection against it before
     * {@link #open} so that bad input leaves nothing written. Backends that cannot tell return
     * empty, and the engine then validates after {@link #open}.
     */
    default java.util.Optional<RunState> peek() {
        return java.util.Optional.empty();
    }

    /** Forgets a job's recorded state and logs so it runs again ({@code --retry}). */
    void resetJob(String jobId);

    /**
     * Claims a job for this process with a lease. A job recorded as running by a process that is
     * gone, or whose lease has expired, may be claimed again.
     */
    ClaimResult claim(String jobId, Duration lease);

    /** Extends this process's lease on a job it claimed. */
    void heartbeat(String jobId, Duration lease);

    void stepStarted(String jobId, String stepId, Instant at);

    void stepFinished(String jobId, StepState step);

    /** Records a job's end: succeeded, failed, skipped or cancelled. Releases the claim. */
    void jobFinished(String jobId, Status status, Instant at, String error);

    /**
     * The sink for a step's raw output. The caller closes it when the step ends. Implementations
     * must keep paths inside the execution's own directory whatever the ids contain.
     */
    OutputStream openLog(String jobId, String stepId);

    /** The current state, as every process sharing the run sees it. */
    RunState read();

    /** Records the end of this process's part of the run. */
    void finish(Status status, Instant at);

    @Override
    void close();
}
