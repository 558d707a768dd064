package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Masker;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.runner.gha.expr.EvaluationContext;
import dev.orun.runner.gha.expr.ExpressionException;
import dev.orun.runner.gha.expr.Expressions;
import dev.orun.runner.gha.expr.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One job on the GitHub-Actions runner: its sandbox, the environment and {@code PATH} entries
 * earlier steps exported, the top-level {@code steps} context, and the {@code post} stages
 * registered by actions. Steps are evaluated here ({@code if:}, {@code ${{ }}}) and run as
 * processes ({@code run:}) or handed to {@link ActionInvoker} ({@code use:}). The rules are in
 * {@code docs/decisions/gha-runner.md}.
 */
public final class GhaJobSession implements JobSession {

    private static final List<String> PROTECTED_PREFIXES = List.of("GITHUB_", "RUNNER_", "ORUN_");

    final GhaRunner runner;
    final JobContext job;
    final JobSandbox sandbox;
    private final ActionInvoker actions;
    private final Map<String, String> exportedEnv = new LinkedHashMap<>();
    private final List<String> exportedPaths = new ArrayList<>();
    private final Scope top = Scope.top();
    final Deque<PostStage> posts = new ArrayDeque<>();
    Masker masker = new Masker();

    GhaJobSession(GhaRunner runner, JobContext job) {
        this.runner = runner;
        this.job = job;
        this.sandbox = JobSandbox.create(job.job().id(), job.keepResources());
        this.actions = new ActionInvoker(this);
    }

    @Override
    public StepResult runStep(StepRequest request) throws InterruptedException {
        masker = request.masker();
        runner.secrets().values().forEach(masker::add);
        Step step = request.step();
        top.failed = request.jobFailed();
        Fence fence = Fence.open(runner.nested(), job.job().id(), request.stepId(), request.output());
        try {
            Map<String, String> env = stepEnvironment(request.environment(), step.env().keySet());
            // most steps have no expression at all: the contexts are built only when one is used
            EvaluationContext context = usesExpressions(step, env) ? context(top, env) : null;
            if (step.hasCondition() && !Expressions.condition(step.condition(), context)) {
                top.record(request.stepId(), Map.of(), "skipped", false);
                return StepResult.skipped("if: " + step.condition().strip() + " was false");
            }
            if (context != null) {
                env = interpolateValues(env, context);
            }
            Path cwd = workingDirectory(request, step, context);
            Instant deadline = request.timeout() == null ? null : Instant.now().plus(request.timeout());
            StepFiles.Reports reports = new StepFiles.Reports();
            StepProcess.Outcome outcome = step.isAction()
                    ? actions.invoke(top, Expressions.interpolate(step.use(), context), step.with(),
                    env, cwd, deadline, request.output(), reports, request.stepId())
                    : runScript(Expressions.interpolate(step.run(), context), step.shell(), cwd,
                    env, Map.of(), deadline, request.output(), reports);
            return finish(request, outcome, reports);
        } catch (ExpressionException | InvalidInputException e) {
            top.record(request.stepId(), Map.of(), "failure", step.continueOnError());
            return StepResult.notRun(e.getMessage());
        } finally {
            fence.close();
        }
    }

    private static boolean usesExpressions(Step step, Map<String, String> env) {
        return step.hasCondition() || step.isAction() || Expressions.hasExpression(step.run())
                || Expressions.hasExpression(step.workingDirectory())
                || env.values().stream().anyMatch(Expressions::hasExpression);
    }

    private StepResult finish(StepRequest request, StepProcess.Outcome outcome,
                              StepFiles.Reports reports) {
        exportFromStep(reports);
        Map<String, String> outputs = new LinkedHashMap<>();
        reports.outputs.forEach((k, v) -> outputs.put(k, masker.mask(v)));
        boolean ok = outcome.exitCode() == 0 && !outcome.timedOut() && outcome.error() == null;
        top.record(request.stepId(), reports.outputs, ok ? "success" : "failure",
                request.step().continueOnError());
        StepResult result = outcome.timedOut() ? StepResult.timedOut(outcome.error())
                : outcome.error() != null ? StepResult.notRun(outcome.error())
                : StepResult.exited(outcome.exitCode());
        String summary = reports.summary.length() == 0 ? null : masker.mask(reports.summary.toString());
        return result.withReports(outputs, summary, reports.annotations);
    }

    /** Environment and PATH entries a step exported apply to the job's later steps. */
    void exportFromStep(StepFiles.Reports reports) {
        reports.env.forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (PROTECTED_PREFIXES.stream().noneMatch(upper::startsWith)
                    && !upper.equals("NODE_OPTIONS")) {
                exportedEnv.put(name, value);
            }
        });
        for (String path : reports.paths) {
            exportedPaths.add(0, path);
        }
    }

    private Map<String, String> stepEnvironment(Map<String, String> requested,
                                                java.util.Set<String> stepKeys) {
        Map<String, String> env = new LinkedHashMap<>(requested);
        exportedEnv.forEach((k, v) -> {
            if (!stepKeys.contains(k)) {
                env.put(k, v);
            }
        });
        return env;
    }

    /** {@code env} with what earlier steps exported through {@code GITHUB_ENV} on top. */
    Map<String, String> withExports(Map<String, String> env) {
        Map<String, String> result = new LinkedHashMap<>(env);
        result.putAll(exportedEnv);
        return result;
    }

    Map<String, String> interpolateValues(Map<String, String> values, EvaluationContext context) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> result.put(k, Expressions.interpolate(v, context)));
        return result;
    }

    private Path workingDirectory(StepRequest request, Step step, EvaluationContext context) {
        String wd = step.workingDirectory();
        if (wd == null || !Expressions.hasExpression(wd)) {
            return request.workingDirectory();
        }
        Path path = Path.of(Expressions.interpolate(wd, context));
        return path.isAbsolute() ? path : job.workingDirectory().resolve(path).normalize();
    }

    /** Writes {@code script} to a file and runs it with the step's shell. */
    StepProcess.Outcome runScript(String script, String shell, Path cwd, Map<String, String> env,
                                  Map<String, String> extra, Instant deadline, OutputStream out,
                                  StepFiles.Reports reports) throws InterruptedException {
        Map<String, String> processEnv = processEnvironment(env, extra);
        ShellCommand command = runner.shell(shell, processEnv);
        if (!Files.isDirectory(cwd)) {
            return new StepProcess.Outcome(-1, false, "working directory " + cwd + " does not exist");
        }
        if (command.inline()) {
            return runProcess(command.inlineCommand(script), cwd, processEnv, deadline, out, reports);
        }
        Path file = sandbox.scriptFile(command.extension());
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new StepProcess.Outcome(-1, false, "cannot write the step's script: " + e.getMessage());
        }
        return runProcess(command.command(file), cwd, processEnv, deadline, out, reports);
    }

    /** Runs one process with fresh file-command files, collecting what it reports. */
    StepProcess.Outcome runProcess(List<String> command, Path cwd, Map<String, String> env,
                                   Instant deadline, OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        StepFiles files = sandbox.newProcessFiles();
        Map<String, String> withFiles = new HashMap<>(env);
        withFiles.putAll(files.variables());
        Duration timeout = deadline == null ? null : Duration.between(Instant.now(), deadline);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            return new StepProcess.Outcome(-1, true, "timed out");
        }
        StepCommands commands = new StepCommands(out, masker);
        StepProcess.Outcome outcome = StepProcess.run(command, cwd, withFiles, timeout, commands);
        reports.absorb(commands);
        try {
            files.collect(reports);
        } catch (IOException e) {
            return new StepProcess.Outcome(-1, false, e.getMessage());
        }
        return outcome;
    }

    /**
     * What a process sees: the host environment (for tools on PATH), the GitHub variables, the
     * sandbox ({@code HOME}, {@code RUNNER_TEMP}, …), then the step's environment and
     * {@code extra} (inputs, action paths), with exported PATH entries first.
     */
    Map<String, String> processEnvironment(Map<String, String> stepEnv, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(runner.hostEnvironment());
        env.putAll(runner.github().variables());
        env.put("GITHUB_WORKSPACE", job.workspace().toString());
        env.put("GITHUB_JOB", job.job().id());
        env.put("GITHUB_ACTIONS", "true");
        env.put("CI", "true");
        env.put("RUNNER_OS", runner.runnerOs());
        env.put("RUNNER_ARCH", runner.runnerArch());
        env.put("RUNNER_NAME", "orun");
        env.putAll(sandbox.variables());
        env.putAll(stepEnv);
        env.putAll(extra);
        if (!exportedPaths.isEmpty()) {
            env.put("PATH", String.join(java.io.File.pathSeparator, exportedPaths)
                    + java.io.File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        }
        return env;
    }

    /** The expression contexts for a step in {@code scope} with environment {@code env}. */
    EvaluationContext context(Scope scope, Map<String, String> env) {
        Map<String, Object> contexts = new HashMap<>();
        Map<String, String> perJob = new LinkedHashMap<>();
        perJob.put("GITHUB_WORKSPACE", job.workspace().toString());
        perJob.put("GITHUB_JOB", job.job().id());
        if (scope.actionPath != null) {
            perJob.put("GITHUB_ACTION_PATH", scope.actionPath.toString());
        }
        contexts.put("github", runner.github().asContext(perJob, runner.event()));
        contexts.put("env", new LinkedHashMap<String, Object>(env));
        contexts.put("job", Map.of("status", scope.failed ? "failure" : "success"));
        contexts.put("steps", scope.steps);
        contexts.put("runner", Map.of("os", runner.runnerOs(), "arch", runner.runnerArch(),
                "name", "orun", "temp", sandbox.temp().toString(),
                "tool_cache", sandbox.toolCache().toString()));
        contexts.put("inputs", scope.inputs);
        contexts.put("secrets", new LinkedHashMap<String, Object>(runner.secrets()));
        contexts.put("vars", Map.of());
        contexts.put("matrix", Json.fromJava(job.job().parameters()));
        contexts.put("needs", needs());
        contexts.put("strategy", Map.of("fail-fast", true, "job-index", 0.0, "job-total", 1.0));
        return new EvaluationContext(contexts,
                new EvaluationContext.JobStatus(scope.failed, false), job.workspace());
    }

    /**
     * {@code needs}: each direct dependency's outputs and its recorded result. A dependency the
     * engine did not report a status for started this job, which it does only after success.
     */
    private Map<String, Object> needs() {
        Map<String, Object> needs = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.TreeSet<>(job.job().dependsOn());
        ids.addAll(job.dependencyOutputs().keySet());
        for (String id : ids) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("outputs", new LinkedHashMap<String, Object>(
                    job.dependencyOutputs().getOrDefault(id, Map.of())));
            entry.put("result", result(job.dependencyStatuses().get(id)));
            needs.put(id, entry);
        }
        return needs;
    }

    /** GitHub's words for how a job ended. */
    static String result(dev.orun.core.state.Status status) {
        if (status == null) {
            return "success";
        }
        return switch (status) {
            case SUCCEEDED -> "success";
            case FAILED -> "failure";
            case CANCELLED -> "cancelled";
            case SKIPPED -> "skipped";
            case PENDING, RUNNING -> "";
        };
    }

    @Override
    public boolean hasPostActions() {
        return !posts.isEmpty();
    }

    @Override
    public StepResult runPostActions(StepRequest request) throws InterruptedException {
        masker = request.masker();
        return PostStage.runAll(this, request);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
