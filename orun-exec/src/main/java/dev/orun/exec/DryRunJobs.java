package dev.orun.exec;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.exec.internal.StepIds;
import dev.orun.exec.internal.RunContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the dry-run description of one job. */
final class DryRunJobs {

    private DryRunJobs() {
    }

    static DryRunReport.Job describe(RunContext run, Job job) {
        Path dir = run.jobDirectory(job, run.workspaceRoot());
        JobContext context = new JobContext(run.execId(), job, run.workspaceRoot(), dir,
                run.jobEnvironment(job), false);
        List<DryRunReport.Step> steps = new ArrayList<>();
        List<String> ids = StepIds.of(job.steps());
        for (int index = 0; index < job.steps().size(); index++) {
            Step step = job.steps().get(index);
            String id = ids.get(index);
            int retries = step.retry() > 0 ? step.retry() : job.retries();
            String wd = step.workingDirectory() == null || step.workingDirectory().isBlank()
                    ? dir.toString() : dir.resolve(step.workingDirectory()).normalize().toString();
            steps.add(new DryRunReport.Step(id, step.phase(), kind(step), command(step), step.shell(), wd, step.timeout(),
                    retries, step.continuesOnFailure()));
        }
        return new DryRunReport.Job(job.id(), job.name(), job.component(), job.environment(),
                job.dependsOn(), dir.toString(), job.timeout(), job.retries(),
                run.runner().describe(context), steps);
    }

    private static String kind(Step step) {
        return step.callsWorkflow() ? "workflow" : step.isAction() ? "use" : "run";
    }

    /** A workflow step carries the note {@code orun run} refuses it with. */
    private static String command(Step step) {
        if (step.callsWorkflow()) {
            return step.workflow() + "  (" + RunnerPreflight.WORKFLOW_NOTE + "; orun run refuses this plan)";
        }
        return step.isAction() ? step.use() : step.run();
    }
}
