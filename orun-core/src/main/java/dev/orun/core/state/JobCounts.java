package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;

/**
 * How many jobs of a run are in each status. Computed by state backends and the read side from a
 * {@link RunState}; immutable, any thread.
 */
@JsonPropertyOrder({"total", "pending", "running", "succeeded", "failed", "skipped", "cancelled"})
public record JobCounts(int total, int pending, int running, int succeeded, int failed, int skipped,
                        int cancelled) {

    public static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0, 0, 0);

    public static JobCounts of(Collection<JobState> jobs) {
        int[] by = new int[Status.values().length];
        for (JobState job : jobs) {
            by[job.status().ordinal()]++;
        }
        return new JobCounts(jobs.size(), by[Status.PENDING.ordinal()], by[Status.RUNNING.ordinal()],
                by[Status.SUCCEEDED.ordinal()], by[Status.FAILED.ordinal()],
                by[Status.SKIPPED.ordinal()], by[Status.CANCELLED.ordinal()]);
    }

    /** Jobs that reached a terminal status. */
    public int done() {
        return succeeded + failed + skipped + cancelled;
    }
}
