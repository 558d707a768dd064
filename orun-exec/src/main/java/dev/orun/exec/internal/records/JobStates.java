package dev.orun.exec.internal.records;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Pure transitions of a {@link JobState}: what each engine report does to the recorded job. */
public final class JobStates {

    private JobStates() {
    }

    /** A job state with the plan's steps pre-seeded as pending, so progress shows what is left. */
    public static JobState seeded(String jobId, Job planJob, Status status, int attempts, Instant startedAt) {
        List<Step> planSteps = planJob == null ? List.of() : planJob.steps();
        List<String> ids = dev.orun.exec.internal.StepIds.of(planSteps);
        List<StepState> steps = java.util.stream.IntStream.range(0, planSteps.size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> Step.phaseRank(planSteps.get(i).phase()))
                        .thenComparingInt(i -> planSteps.get(i).order()))
                .map(i -> new StepState(ids.get(i), Status.PENDING, null, null, null, null))
                .toList();
        return new JobState(jobId, status, attempts, startedAt, null, null, steps);
    }

    /** A new attempt of the job: running since {@code at}, every step pending again. */
    public static JobState restarted(JobState job, int attempts, Instant at) {
        return new JobState(job.jobId(), Status.RUNNING, attempts, at, null, null, pendingSteps(job));
    }

    /** The job as if it never ran ({@code --retry}): pending, no attempts, every step pending. */
    public static JobState forgotten(JobState job) {
        return new JobState(job.jobId(), Status.PENDING, 0, null, null, null, pendingSteps(job));
    }

    private static List<StepState> pendingSteps(JobState job) {
        return job.steps().stream()
                .map(step -> new StepState(step.stepId(), Status.PENDING, null, null, null, null)).toList();
    }

    /** The job with {@code step} replacing the step of the same id, or appended. */
    public static JobState withStep(JobState job, StepState step) {
        List<StepState> steps = new ArrayList<>(job.steps());
        int index = -1;
        for (int i = 0; i < steps.size() && index < 0; i++) {
            if (steps.get(i).stepId().equals(step.stepId())) {
                index = i;
            }
        }
        if (index >= 0) {
            steps.set(index, step);
        } else {
            steps.add(step);
        }
        return new JobState(job.jobId(), job.status(), job.attempts(), job.startedAt(), job.finishedAt(),
                job.error(), steps);
    }

    /** The job ended: a step still running ended with it, a step never started was skipped. */
    public static JobState finished(JobState job, Status status, Instant at, String error) {
        return new JobState(job.jobId(), status, job.attempts(), job.startedAt(), at, error,
                job.steps().stream().map(step -> settle(step, status)).toList());
    }

    private static StepState settle(StepState step, Status jobStatus) {
        if (step.status() == Status.RUNNING) {
            Status end = jobStatus == Status.SUCCEEDED ? Status.SUCCEEDED
                    : jobStatus == Status.CANCELLED ? Status.CANCELLED : Status.FAILED;
            return new StepState(step.stepId(), end, step.exitCode(), step.startedAt(), step.finishedAt(),
                    step.error());
        }
        if (step.status() == Status.PENDING && jobStatus.isTerminal()) {
            return new StepState(step.stepId(), Status.SKIPPED, null, null, null, null);
        }
        return step;
    }
}
