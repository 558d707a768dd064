package dev.orun.exec;

import dev.orun.core.OrunException;
import dev.orun.core.state.Status;
import java.time.Duration;
import java.util.List;

/**
 * How an execution ended: the run's status and every selected job's outcome, in execution order.
 *
 * @param status {@code SUCCEEDED} when every selected job succeeded, {@code CANCELLED} when the run
 *               was interrupted, else {@code FAILED}
 */
public record ExecutionResult(String execId, String planChecksum, String planName, String runner,
                              int concurrency, Status status, Duration duration,
                              List<JobResult> jobs) {

    public ExecutionResult {
        jobs = List.copyOf(jobs);
    }

    /** 0 all selected jobs succeeded, 1 a job failed, 130 interrupted. */
    public int exitCode() {
        return switch (status) {
            case SUCCEEDED -> 0;
            case CANCELLED -> OrunException.EXIT_INTERRUPTED;
            default -> OrunException.EXIT_FAILURE;
        };
    }

    /**
     * One job's outcome.
     *
     * @param reused     the job was not run here: already succeeded in this execution (resume) or
     *                   run by another process sharing the execution id
     * @param failedStep the step that failed the job, or {@code null}
     * @param outputTail the last lines the failed step printed (empty when none failed)
     */
    public record JobResult(String id, String name, String component, String environment,
                            Status status, Duration duration, String error, boolean reused,
                            String failedStep, List<String> outputTail, List<StepOutcome> steps) {
        public JobResult {
            outputTail = List.copyOf(outputTail);
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step's outcome; {@code exitCode} is null when no process ended (skipped, not run).
     * {@code annotations} are the notices, warnings and errors the step raised.
     */
    public record StepOutcome(String id, Status status, Integer exitCode, Duration duration,
                              int attempts, String error,
                              List<dev.orun.core.state.Annotation> annotations) {
        public StepOutcome {
            annotations = annotations == null ? List.of() : List.copyOf(annotations);
        }

        public StepOutcome(String id, Status status, Integer exitCode, Duration duration,
                           int attempts, String error) {
            this(id, status, exitCode, duration, attempts, error, List.of());
        }
    }
}
