package dev.orun.exec.internal;

import dev.orun.core.state.StateUnavailableException;
import dev.orun.exec.ExecutionResult.JobResult;

/** What job threads, the waiter and {@link ExecutionEngine#cancel()} tell the scheduling thread. */
sealed interface EngineSignal {

    /** A job ended (ran, was reused, or could not run). */
    record Finished(JobResult result) implements EngineSignal {
    }

    /** Another worker holds the job: its slot is free again while {@link JobWaiter} waits. */
    record HeldElsewhere(String jobId) implements EngineSignal {
    }

    /** A job waited for can be claimed again (its holder ended it, gave it up or died). */
    record Claimable(String jobId) implements EngineSignal {
    }

    /** Cancelled: stop starting jobs. */
    record WakeUp() implements EngineSignal {
    }

    /** The run's records could not be written while the job ran. */
    record RecordsFailed(String jobId, StateUnavailableException error) implements EngineSignal {
    }
}
