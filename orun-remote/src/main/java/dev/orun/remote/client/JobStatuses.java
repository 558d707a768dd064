package dev.orun.remote.client;

import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.remote.protocol.RunJobView;
import java.util.Collection;
import java.util.List;

/** Maps the server's job statuses onto orun's. */
final class JobStatuses {
    private JobStatuses() {
    }

    static Status toStatus(String wire) {
        return switch (wire == null ? "" : wire) {
            case "claimed", "running" -> Status.RUNNING;
            case "succeeded", "success", "skipped" -> Status.SUCCEEDED;
            case "failed", "timed_out" -> Status.FAILED;
            case "canceled", "cancelled" -> Status.CANCELLED;
            default -> Status.PENDING;
        };
    }

    static JobState toJobState(RunJobView v) {
        return new JobState(v.jobId(), toStatus(v.status()), v.attempt(), v.startedAt(), v.finishedAt(),
                v.errorText(), List.of());
    }

    static Status overall(Collection<JobState> jobs) {
        if (jobs.stream().anyMatch(j -> j.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (!jobs.isEmpty() && jobs.stream().allMatch(j -> j.status() == Status.SUCCEEDED)) {
            return Status.SUCCEEDED;
        }
        return jobs.stream().anyMatch(j -> j.status() != Status.PENDING) ? Status.RUNNING : Status.PENDING;
    }
}
