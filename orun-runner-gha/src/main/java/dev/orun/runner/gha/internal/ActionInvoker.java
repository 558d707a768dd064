package dev.orun.runner.gha.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.runner.gha.expr.EvaluationContext;
import dev.orun.runner.gha.expr.Expressions;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@code use:} step: finds the action ({@link ActionLocator}), resolves its inputs
 * ({@code with:} over the declared defaults, {@code required} enforced, exported as
 * {@code INPUT_<NAME>}), and runs it by kind: {@code node*} ({@code pre}, main, {@code post}
 * registered for the end of the job; run in the step's working directory, as GitHub runs them in
 * the workspace), {@code composite} ({@link CompositeAction}) or {@code docker}
 * ({@link DockerAction}).
 */
final class ActionInvoker {

    private final GhaJobSession session;

    ActionInvoker(GhaJobSession session) {
        this.session = session;
    }

    StepProcess.Outcome invoke(Scope scope, String use, Map<String, Object> with,
                               Map<String, String> env, Path cwd, Instant deadline,
                               OutputStream out, StepFiles.Reports reports, String stepId)
            throws InterruptedException {
        if (scope.depth > 10) {
            throw new InvalidInputException("actions nested more than 10 deep at " + use);
        }
        EvaluationContext context = session.context(scope, env);
        if (use.startsWith("docker://")) {
            Map<String, String> inputs = interpolateWith(with, context);
            return DockerAction.runImage(session, use.substring("docker://".length()), inputs,
                    Map.of(), env, cwd, deadline, out, reports);
        }
        ActionLocator.Located located = session.runner.locator().locate(use, session.job.workspace());
        ActionManifest manifest = ActionManifest.load(located.directory());
        Map<String, String> inputs = inputs(manifest, with, context, use);
        Map<String, String> extra = new LinkedHashMap<>();
        inputs.forEach((name, value) -> extra.put(inputVariable(name), value));
        extra.put("GITHUB_ACTION_PATH", located.directory().toString());
        extra.put("GITHUB_ACTION", stepId);
        extra.put("GITHUB_ACTION_REPOSITORY", located.repository());
        extra.put("GITHUB_ACTION_REF", located.ref());
        return switch (manifest.kind()) {
            case "node" -> node(manifest, use, env, extra, cwd, deadline, out, reports);
            case "composite" -> new CompositeAction(session, this).run(scope, manifest, inputs,
                    env, extra, cwd, deadline, out, reports);
            default -> DockerAction.runAction(session, manifest, inputs, env, extra, cwd,
                    deadline, out, reports);
        };
    }

    static String inputVariable(String name) {
        return "INPUT_" + name.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    private Map<String, String> interpolateWith(Map<String, Object> with, EvaluationContext context) {
        Map<String, String> values = new LinkedHashMap<>();
        if (with != null) {
            with.forEach((k, v) -> values.put(k, v == null ? ""
                    : Expressions.interpolate(v instanceof String s ? s : String.valueOf(v), context)));
        }
        return values;
    }

    private Map<String, String> inputs(ActionManifest manifest, Map<String, Object> with,
                                       EvaluationContext context, String use) {
        Map<String, String> given = interpolateWith(with, context);
        Map<String, String> inputs = new LinkedHashMap<>();
        manifest.inputs().forEach((name, input) -> {
            String value = lookup(given, name);
            if (value == null) {
                if (input.defaultValue() != null) {
                    value = Expressions.interpolate(input.defaultValue(), context);
                } else if (input.required()) {
                    throw new InvalidInputException(use + ": required input \"" + name
                            + "\" is missing (set it under with:)");
                } else {
                    value = "";
                }
            }
            inputs.put(name, value);
        });
        given.forEach((name, value) -> {
            if (lookup(inputs, name) == null) {
                inputs.put(name, value); // undeclared inputs still reach the action, as on GitHub
            }
        });
        return inputs;
    }

    private static String lookup(Map<String, String> map, String name) {
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private StepProcess.Outcome node(ActionManifest manifest, String use, Map<String, String> env,
                                     Map<String, String> extra, Path cwd, Instant deadline,
                                     OutputStream out, StepFiles.Reports reports)
            throws InterruptedException {
        Map<String, String> processEnv = session.processEnvironment(env, extra);
        if (!ShellCommand.onPath("node", processEnv)) {
            throw new InvalidInputException(use + " is a " + manifest.using()
                    + " action, which needs node on PATH (install Node.js " + manifest.using()
                    .substring(4) + " or newer)");
        }
        Path dir = manifest.directory();
        Map<String, String> state = new LinkedHashMap<>();
        String pre = manifest.run("pre");
        if (pre != null && Expressions.condition(orAlways(manifest.run("pre-if")),
                session.context(Scope.top(), env))) {
            StepFiles.Reports preReports = new StepFiles.Reports();
            StepProcess.Outcome outcome = session.runProcess(List.of("node", dir.resolve(pre).toString()),
                    cwd, processEnv, deadline, out, preReports);
            state.putAll(preReports.state);
            reports.annotations.addAll(preReports.annotations);
            if (outcome.exitCode() != 0 || outcome.error() != null || outcome.timedOut()) {
                return outcome;
            }
        }
        Map<String, String> mainEnv = withState(processEnv, state);
        StepProcess.Outcome outcome = session.runProcess(List.of("node", dir.resolve(manifest.run("main"))
                .toString()), cwd, mainEnv, deadline, out, reports);
        state.putAll(reports.state);
        String post = manifest.run("post");
        if (post != null) {
            String label = manifest.name() != null ? manifest.name() : use;
            session.posts.push(new PostStage(label, List.of("node", dir.resolve(post).toString()),
                    cwd, withState(processEnv, state), manifest.run("post-if")));
        }
        return outcome;
    }

    private static Map<String, String> withState(Map<String, String> env, Map<String, String> state) {
        Map<String, String> result = new LinkedHashMap<>(env);
        state.forEach((k, v) -> result.put("STATE_" + k, v));
        return result;
    }

    private static String orAlways(String condition) {
        return condition == null || condition.isBlank() ? "always()" : condition;
    }
}
