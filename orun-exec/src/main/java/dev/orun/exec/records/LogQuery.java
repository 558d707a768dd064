package dev.orun.exec.records;

import dev.orun.core.state.Status;
import dev.orun.core.state.StepLog;
import java.util.function.Predicate;

/**
 * Which logs {@code orun logs} shows.
 *
 * @param jobId      one job (already resolved to a full id), or null for all
 * @param stepId     steps whose id equals or starts with this, or null for all
 * @param failedOnly only jobs that failed
 */
public record LogQuery(String jobId, String stepId, boolean failedOnly) implements Predicate<StepLog> {

    public static LogQuery all() {
        return new LogQuery(null, null, false);
    }

    @Override
    public boolean test(StepLog entry) {
        return (jobId == null || jobId.equals(entry.jobId()))
                && (stepId == null || entry.stepId().startsWith(stepId))
                && (!failedOnly || entry.jobStatus() == Status.FAILED);
    }
}
