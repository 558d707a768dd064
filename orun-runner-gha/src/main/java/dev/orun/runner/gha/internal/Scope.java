package dev.orun.runner.gha.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where steps run: the job's top level, or inside a composite action. Each scope has its own
 * {@code steps} context and {@code inputs}, its own failure status for {@code success()} and
 * {@code failure()}, and the action's directory ({@code github.action_path}) when inside one.
 */
final class Scope {

    final Map<String, Object> steps = new LinkedHashMap<>();
    final Map<String, Object> inputs;
    final Path actionPath;
    final int depth;
    boolean failed;

    Scope(Map<String, Object> inputs, Path actionPath, int depth) {
        this.inputs = inputs;
        this.actionPath = actionPath;
        this.depth = depth;
    }

    static Scope top() {
        return new Scope(Map.of(), null, 0);
    }

    /** Records a step's result for {@code steps.<id>.outputs}, {@code .outcome}, {@code .conclusion}. */
    void record(String stepId, Map<String, String> outputs, String outcome, boolean continueOnError) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("outputs", new LinkedHashMap<String, Object>(outputs));
        entry.put("outcome", outcome);
        entry.put("conclusion", outcome.equals("failure") && continueOnError ? "success" : outcome);
        steps.put(stepId, entry);
    }
}
