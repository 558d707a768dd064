package dev.orun.plan.compat;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.plan.CompiledPlan;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.PlanWarning;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small workspace in the documented format, written file by file from YAML lines, for the
 * Go-compatibility tests: each test states the Go planner's expected plan (from
 * {@code go-orun-plan.md}) and compares it field by field with what this compiler produces.
 */
final class GoWorkspace {

    private final Path root;

    private GoWorkspace(Path root) {
        this.root = root;
    }

    /** A workspace with a {@code shell} composition whose job {@code run} has the given step lines. */
    static GoWorkspace withShellSteps(Path root, String... stepLines) {
        GoWorkspace ws = new GoWorkspace(root);
        ws.file("stack/stack.yaml", "apiVersion: orun.io/v1", "kind: Stack", "metadata: {name: go-stack}");
        String[] head = {
            "apiVersion: sourceplane.io/v1alpha1",
            "kind: Composition",
            "metadata: {name: shell}",
            "spec:",
            "  type: shell",
            "  defaultJob: run",
            "  parameterSchema: {type: object}",
            "  jobs:",
            "    - name: run",
            "      steps:",
        };
        String[] all = new String[head.length + stepLines.length];
        System.arraycopy(head, 0, all, 0, head.length);
        for (int i = 0; i < stepLines.length; i++) {
            all[head.length + i] = "        " + stepLines[i];
        }
        return ws.file("stack/shell/compositions.yaml", all);
    }

    static GoWorkspace empty(Path root) {
        return new GoWorkspace(root);
    }

    /** The intent with the usual header, a {@code dir} source {@code ./stack}, and the given lines. */
    GoWorkspace intent(String... lines) {
        String[] head = {
            "apiVersion: sourceplane.io/v1",
            "kind: Intent",
            "metadata: {name: go-compat}",
            "compositions:",
            "  sources: [{name: local, kind: dir, path: ./stack}]",
        };
        String[] all = new String[head.length + lines.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(lines, 0, all, head.length, lines.length);
        return file("intent.yaml", all);
    }

    GoWorkspace file(String relative, String... lines) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    CompiledPlan compile() {
        return compile(PlanRequest.full());
    }

    CompiledPlan compile(PlanRequest request) {
        return new Planner(Workspace.discover(root, null)).compile(request);
    }

    Job job(String id) {
        return compile().plan().job(id).orElseThrow(() -> new AssertionError("no job " + id));
    }

    List<String> warnings() {
        return compile().warnings().stream().map(PlanWarning::toString).toList();
    }

    /** The one-line error compiling gives. */
    String error() {
        try {
            compile();
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the workspace not to compile");
    }
}
