package dev.orun.exec.internal;

import dev.orun.core.plan.Job;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult.JobResult;
import java.time.Duration;
import java.util.List;

/** The results of jobs that did not run here: not run at all, or reused from the records. */
final class JobOutcomes {

    private JobOutcomes() {
    }

    static JobResult notRun(Job job, Status status, String reason) {
        return new JobResult(job.id(), job.name(), job.component(), job.environment(), status,
                Duration.ZERO, reason, false, null, List.of(), List.of());
    }

    static JobResult reused(Job job, JobState state, Status status) {
        Duration took = state.startedAt() != null && state.finishedAt() != null
                ? Duration.between(state.startedAt(), state.finishedAt()) : Duration.ZERO;
        return new JobResult(job.id(), job.name(), job.component(), job.environment(), status,
                took, state.error(), true, null, List.of(), List.of());
    }
}
