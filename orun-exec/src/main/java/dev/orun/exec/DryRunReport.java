package dev.orun.exec;

import java.util.List;

/**
 * What {@code --dry-run} shows: the jobs in execution order and how each would run. Producing it
 * runs nothing and writes nothing.
 *
 * @param isolationNote how jobs would be isolated and which guarantees hold (real isolation, or
 *                      the fallback and why), or {@code null} when isolation is off
 */
public record DryRunReport(String planChecksum, String planName, String runner, int concurrency,
                           int componentConcurrency, boolean failFast, boolean isolation,
                           String isolationNote, List<Job> jobs) {

    public DryRunReport {
        jobs = List.copyOf(jobs);
    }

    /** One job: where and how it would run ({@code runnerLines} come from the runner). */
    public record Job(String id, String name, String component, String environment,
                      List<String> dependsOn, String workingDirectory, String timeout, int retries,
                      List<String> runnerLines, List<Step> steps) {
        public Job {
            dependsOn = List.copyOf(dependsOn);
            runnerLines = List.copyOf(runnerLines);
            steps = List.copyOf(steps);
        }
    }

    /** One step; {@code command} is the {@code run:} script or the {@code use:} reference. */
    public record Step(String id, String phase, String kind, String command, String shell,
                       String workingDirectory, String timeout, int retries, boolean continueOnFailure) {
    }
}
