package dev.orun.exec;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
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
        int index = 0;
        for (Step step : job.steps()) {
            index++;
            String id = step.id() != null && !step.id().isBlank() ? step.id()
                    : step.name() != null && !step.name().isBlank() ? step.name() : "step-" + index;
            int retries = step.retry() > 0 ? step.retry() : job.retries();
            String wd = step.workingDirectory() == null || step.workingDirectory().isBlank()
                    ? dir.toString() : dir.resolve(step.workingDirectory()).normalize().toString();
            steps.add(new DryRunReport.Step(id, step.phase(), step.isAction() ? "use" : "run",
                    step.isAction() ? step.use() : step.run(), step.shell(), wd, step.timeout(),
                    retries, step.continuesOnFailure()));
        }
        return new DryRunReport.Job(job.id(), job.name(), job.component(), job.environment(),
                job.dependsOn(), dir.toString(), job.timeout(), job.retries(),
                run.runner().describe(context), steps);
    }
}
