package dev.orun.backend.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a group transaction on a run starts from: the run row and the named jobs of it that exist,
 * by id, both under their row locks. When asked for ({@link PostgresRunWrites#lock}), also as read
 * under the run's lock: every job of the run ({@code all}; null when not read or when the run has
 * more jobs than asked for), and the jobs the events after a given one name ({@code changedJobs};
 * null when not read, when there were more than asked for, or when one was a run-wide change).
 */
public record LockedRun(RunRow run, Map<String, JobRow> jobs, List<JobRow> all, Set<String> changedJobs) {
  public LockedRun(RunRow run, Map<String, JobRow> jobs) {
    this(run, jobs, null, null);
  }
}
