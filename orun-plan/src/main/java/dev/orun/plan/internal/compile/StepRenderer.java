package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Step;
import dev.orun.core.plan.StepShell;
import dev.orun.plan.internal.model.StepDef;
import dev.orun.plan.template.GoTemplate;
import dev.orun.plan.template.TemplateException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a step's {@code run}, {@code use}, {@code workflow}, {@code shell},
 * {@code working-directory}, the top-level string values of {@code with} and {@code env} and every
 * {@code connections} value (a workflow step's file is then pinned by digest) with the Go-template engine (which
 * leaves run-time expressions {@code ${{ … }}} as literal text). Parsed templates are cached by
 * their text, so each distinct text is parsed once per compile.
 */
final class StepRenderer {

    private final Map<String, GoTemplate> cache = new ConcurrentHashMap<>();
    private final WorkflowPins workflowPins;

    StepRenderer(Path workspaceRoot) {
        this.workflowPins = new WorkflowPins(workspaceRoot);
    }

    /** Renders one step; {@code where} names the component and job for error messages. */
    Step render(StepDef def, String id, Map<String, Object> data, String component, String jobId) {
        Context context = new Context(def, id, component, jobId, data);
        Map<String, Object> with = new LinkedHashMap<>();
        def.with().forEach((k, v) -> with.put(k, v instanceof String s ? context.render("with." + k, s) : v));
        Map<String, Object> env = new LinkedHashMap<>();
        def.env().forEach((k, v) -> env.put(k, v instanceof String s ? context.render("env." + k, s) : v));
        String shell = context.render("shell", def.shell());
        context.check("shell", () -> StepShell.parse(shell));
        String workingDirectory = context.render("working-directory", def.workingDirectory());
        context.check("working-directory", () -> workingDirectory == null ? null : Path.of(workingDirectory));
        StepDef.WorkflowCall call = def.workflowCall();
        if (call == null) {
            return new Step(id, def.name(), def.phase(), def.order(), context.render("run", def.run()),
                    context.render("use", def.use()), with, env, shell, workingDirectory, def.timeout(),
                    def.retry(), def.onFailure(), def.capability(), def.condition(), def.continueOnError());
        }
        if (def.run() != null || def.use() != null) {
            // a profile stepOverride can put a run on a workflow step; one of them would be lost
            throw context.error("run", "a workflow step cannot also have run (from a stepOverride)");
        }
        String workflow = context.render("workflow", call.path());
        String digest = workflowPins.digest(workflow, def.file(), def.line(),
                "component " + component + ", job " + jobId + ", step " + id);
        Map<String, String> connections = new LinkedHashMap<>();
        call.connections().forEach((k, v) -> connections.put(k, context.render("connections." + k, v)));
        return new Step(id, def.name(), def.phase(), def.order(), null, null, with, env, shell,
                workingDirectory, def.timeout(), def.retry(), def.onFailure(), def.capability(),
                def.condition(), def.continueOnError(), workflow, digest, connections, call.resume(),
                call.approval());
    }

    private final class Context {
        private final StepDef def;
        private final String id;
        private final String component;
        private final String jobId;
        private final Map<String, Object> data;

        Context(StepDef def, String id, String component, String jobId, Map<String, Object> data) {
            this.def = def;
            this.id = id;
            this.component = component;
            this.jobId = jobId;
            this.data = data;
        }

        /** Parses a rendered value the way the runner will; a failure is this step's error. */
        void check(String field, java.util.function.Supplier<?> parse) {
            try {
                parse.get();
            } catch (InvalidPathException e) {
                throw error(field, "not a usable path (" + e.getReason() + ")");
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        InvalidInputException error(String field, String message) {
            return InvalidInputException.at(def.file(), def.line(), "component " + component + ", job "
                    + jobId + ", step " + id + ": " + field + ": " + message);
        }

        String render(String field, String text) {
            if (text == null || !text.contains("{{")) {
                return text;
            }
            try {
                GoTemplate template = cache.computeIfAbsent(text, GoTemplate::parse);
                return template.render(data);
            } catch (TemplateException e) {
                throw InvalidInputException.at(def.file(), def.line(), "component " + component + ", job "
                        + jobId + ", step " + id + ": " + field + ": " + e.getMessage());
            }
        }
    }
}
