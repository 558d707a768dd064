package dev.orun.runner.gha;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Masker;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives the github-actions runner through the runner SPI the way the engine does: one session
 * per job, steps in order, each step's output captured, the job's masker shared.
 */
final class JobHarness {

    final Map<String, String> host = new HashMap<>(System.getenv());
    final Path workspace;
    final Map<String, StepResult> results = new LinkedHashMap<>();
    final Map<String, String> output = new LinkedHashMap<>();
    final Masker masker = new Masker();
    /** What the engine would report about the job's dependencies: outputs and how they ended. */
    final Map<String, Map<String, String>> dependencyOutputs = new HashMap<>();
    final Map<String, dev.orun.core.state.Status> dependencyStatuses = new HashMap<>();

    JobHarness(Path workspace, Path cache) {
        this.workspace = workspace;
        host.put("ORUN_ACTIONS_CACHE", cache.toString());
        host.put("GITHUB_API_URL", "http://127.0.0.1:9/"); // nothing listens: no network
        host.remove("GITHUB_ACTIONS");
        host.remove("GITHUB_TOKEN");
    }

    Runner runner() {
        return new GhaRunnerProvider().create(new RunnerSettings(workspace, Map.of(), host));
    }

    static Step run(String id, String script) {
        return new Step(id, id, null, 0, script, null, null, null, null, null, null, 0, null, null);
    }

    static Step use(String id, String action, Map<String, Object> with) {
        return new Step(id, id, null, 0, null, action, with, null, null, null, null, 0, null, null);
    }

    static Step when(Step step, String condition, boolean continueOnError) {
        return new Step(step.id(), step.name(), step.phase(), step.order(), step.run(), step.use(),
                step.with(), step.env(), step.shell(), step.workingDirectory(), step.timeout(),
                step.retry(), step.onFailure(), step.capability(), condition, continueOnError);
    }

    static Job job(Step... steps) {
        return new Job("app@dev.build", "build", "app", "dev", "shell", "build", null, null, ".",
                List.of(), null, 0, Map.of("JOB_VAR", "from-job"), Map.of(),
                Map.of("region", "eu-west-1"), new ArrayList<>(List.of(steps)));
    }

    /** {@code job} depending on {@code dependencies}. */
    static Job dependingOn(Job job, String... dependencies) {
        return new Job(job.id(), job.name(), job.component(), job.environment(), job.composition(),
                job.job(), job.profile(), job.runsOn(), job.path(), List.of(dependencies),
                job.timeout(), job.retries(), job.env(), job.labels(), job.parameters(), job.steps());
    }

    /** Runs the job's steps like the engine: after a failure only conditional steps are sent. */
    JobHarness runJob(Job job) throws InterruptedException {
        try (Runner runner = runner()) {
            runner.checkAvailable();
            runner.checkJobs(List.of(job), workspace);
            JobContext context = new JobContext("exec-1", job, workspace, workspace,
                    Map.of("ORUN_JOB_ID", job.id(), "JOB_VAR", "from-job"), false, null,
                    dependencyOutputs, dependencyStatuses);
            boolean failed = false;
            try (JobSession session = runner.startJob(context)) {
                for (Step step : job.steps()) {
                    if (failed && !step.hasCondition()) {
                        continue;
                    }
                    StepResult result = step(session, step, step.id(), failed);
                    failed |= !result.succeeded() && !result.skipped() && !step.continueOnError();
                }
                if (session.hasPostActions()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    Step post = run(JobSession.POST_ACTIONS_STEP_ID, null);
                    results.put(post.id(), session.runPostActions(new StepRequest(post, workspace,
                            Map.of(), null, out, post.id(), failed, masker)));
                    output.put(post.id(), out.toString(StandardCharsets.UTF_8));
                }
            }
        }
        return this;
    }

    private StepResult step(JobSession session, Step step, String id, boolean failed)
            throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(Map.of("ORUN_STEP_ID", id, "JOB_VAR", "from-job"));
        env.putAll(step.env());
        StepResult result = session.runStep(new StepRequest(step, workspace, env, null, out, id,
                failed, masker));
        results.put(id, result);
        output.put(id, out.toString(StandardCharsets.UTF_8));
        return result;
    }
}
