package dev.orun.remote.client;

import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.remote.protocol.RunJobView;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Every job's state, where a job still pending behind a failed (or cancelled) ancestor is
     * reported skipped, naming that ancestor: the server leaves such a job queued forever, and a
     * process waiting for it must stop at once rather than wait.
     */
    static Map<String, JobState> effective(Map<String, RunJobView> views) {
        Map<String, JobState> out = new LinkedHashMap<>();
        for (RunJobView v : views.values()) {
            JobState state = toJobState(v);
            if (state.status() == Status.PENDING) {
                String failed = failedAncestor(v, views);
                if (failed != null) {
                    state = new JobState(v.jobId(), Status.SKIPPED, v.attempt(), null, null,
                            "dependency " + failed + " failed", List.of());
                }
            }
            out.put(v.jobId(), state);
        }
        return out;
    }

    private static String failedAncestor(RunJobView job, Map<String, RunJobView> views) {
        ArrayDeque<String> todo = new ArrayDeque<>(job.deps() == null ? List.of() : job.deps());
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String id = todo.poll();
            RunJobView dep = views.get(id);
            if (dep == null || !seen.add(id)) {
                continue;
            }
            Status s = toStatus(dep.status());
            if (s == Status.FAILED || s == Status.CANCELLED) {
                return id;
            }
            if (dep.deps() != null) {
                todo.addAll(dep.deps());
            }
        }
        return null;
    }
}
