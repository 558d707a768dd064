package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.runner.gha.expr.EvaluationContext;
import dev.orun.runner.gha.expr.Expressions;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a composite action's steps in their own scope ({@code steps} and {@code inputs} of the
 * action, {@code github.action_path}), honouring each step's {@code if} (default
 * {@code success()} of the composite so far) and {@code continue-on-error}; then evaluates the
 * action's declared {@code outputs} in that scope. {@code run} steps must name their
 * {@code shell}, as on GitHub.
 */
final class CompositeAction {

    private final GhaJobSession session;
    private final ActionInvoker invoker;

    CompositeAction(GhaJobSession session, ActionInvoker invoker) {
        this.session = session;
        this.invoker = invoker;
    }

    StepProcess.Outcome run(Scope parent, ActionManifest manifest, Map<String, String> inputs,
                            Map<String, String> env, Map<String, String> extra, Path cwd,
                            Instant deadline, OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        Scope scope = new Scope(new LinkedHashMap<String, Object>(inputs), manifest.directory(),
                parent.depth + 1);
        StepProcess.Outcome failure = null;
        List<Map<String, Object>> steps = manifest.steps();
        for (int i = 0; i < steps.size(); i++) {
            Map<String, Object> step = steps.get(i);
            String id = ActionManifest.string(step.get("id")) != null
                    ? ActionManifest.string(step.get("id")) : "__step-" + (i + 1);
            String where = manifest.file() + " step " + (i + 1) + " (" + id + ")";
            boolean continueOnError = Boolean.TRUE.equals(step.get("continue-on-error"))
                    || "true".equals(String.valueOf(step.get("continue-on-error")));
            Map<String, String> stepEnv = session.withExports(env);
            EvaluationContext context = session.context(scope, stepEnv);
            String condition = ActionManifest.scalar(step.get("if"));
            try {
                if (!Expressions.condition(condition, context)) {
                    scope.record(id, Map.of(), "skipped", continueOnError);
                    continue;
                }
                EvaluationContext outer = context;
                ActionManifest.mapOf(step.get("env"), manifest.file(), "env").forEach((k, v) ->
                        stepEnv.put(k, Expressions.interpolate(ActionManifest.scalar(v), outer)));
                context = session.context(scope, stepEnv);
                Path dir = directory(cwd, ActionManifest.scalar(step.get("working-directory")), context);
                StepFiles.Reports stepReports = new StepFiles.Reports();
                StepProcess.Outcome outcome = runOne(scope, step, where, stepEnv, extra, dir, id,
                        context, deadline, out, stepReports);
                session.exportFromStep(stepReports);
                reports.annotations.addAll(stepReports.annotations);
                reports.summary.append(stepReports.summary);
                boolean ok = outcome.exitCode() == 0 && outcome.error() == null && !outcome.timedOut();
                scope.record(id, stepReports.outputs, ok ? "success" : "failure", continueOnError);
                if (!ok && !continueOnError) {
                    scope.failed = true;
                    failure = failure == null ? outcome : failure;
                }
            } catch (InvalidInputException | dev.orun.runner.gha.expr.ExpressionException e) {
                throw new InvalidInputException(where + ": " + e.getMessage());
            }
        }
        EvaluationContext context = session.context(scope, env);
        manifest.outputs().forEach((name, value) -> reports.outputs.put(name,
                value == null ? "" : Expressions.interpolate(value, context)));
        return failure != null ? failure : new StepProcess.Outcome(0, false, null);
    }

    private StepProcess.Outcome runOne(Scope scope, Map<String, Object> step, String where,
                                       Map<String, String> env, Map<String, String> extra, Path dir,
                                       String id, EvaluationContext context, Instant deadline,
                                       OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        String run = ActionManifest.scalar(step.get("run"));
        String uses = ActionManifest.string(step.get("uses"));
        if (run != null && uses != null) {
            throw new InvalidInputException("a step may have run or uses, not both");
        }
        if (uses != null) {
            Map<String, Object> with = ActionManifest.mapOf(step.get("with"), Path.of(where), "with");
            return invoker.invoke(scope, Expressions.interpolate(uses, context), with, env, dir,
                    deadline, out, reports, id);
        }
        if (run == null) {
            throw new InvalidInputException("a step needs run or uses");
        }
        String shell = ActionManifest.string(step.get("shell"));
        if (shell == null) {
            throw new InvalidInputException("run steps of composite actions must set shell "
                    + "(e.g. shell: bash)");
        }
        Map<String, String> stepExtra = new LinkedHashMap<>(extra);
        extra.keySet().stream().filter(k -> k.startsWith("INPUT_")).forEach(stepExtra::remove);
        return session.runScript(Expressions.interpolate(run, context), shell, dir, env,
                stepExtra, deadline, out, reports);
    }

    private static Path directory(Path cwd, String workingDirectory, EvaluationContext context) {
        if (workingDirectory == null || workingDirectory.isBlank()) {
            return cwd;
        }
        Path path = Path.of(Expressions.interpolate(workingDirectory, context));
        return path.isAbsolute() ? path : cwd.resolve(path).normalize();
    }
}
