package dev.orun.runner.gha.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file-command files of one process: {@code GITHUB_ENV}, {@code GITHUB_OUTPUT},
 * {@code GITHUB_PATH}, {@code GITHUB_STATE} and {@code GITHUB_STEP_SUMMARY}, in a fresh directory.
 * The files are not created up front: steps append to them ({@code >>}), which creates them, and
 * a missing file reads as empty. That saves five file creations per step, a measurable part of a
 * short step's cost.
 */
record StepFiles(Path env, Path output, Path path, Path state, Path summary) {

    static StepFiles create(Path dir) throws IOException {
        return named(dir, "");
    }

    /** The files {@code <prefix>env}, {@code <prefix>output}, … in {@code dir}. */
    static StepFiles named(Path dir, String prefix) {
        return new StepFiles(dir.resolve(prefix + "env"), dir.resolve(prefix + "output"),
                dir.resolve(prefix + "path"), dir.resolve(prefix + "state"),
                dir.resolve(prefix + "summary"));
    }

    Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("GITHUB_ENV", env.toString());
        v.put("GITHUB_OUTPUT", output.toString());
        v.put("GITHUB_PATH", path.toString());
        v.put("GITHUB_STATE", state.toString());
        v.put("GITHUB_STEP_SUMMARY", summary.toString());
        return v;
    }

    /** Reads what the process wrote, adding it to {@code reports}. */
    void collect(Reports reports) throws IOException {
        reports.env.putAll(FileCommands.readKeyValues(env, "GITHUB_ENV"));
        reports.outputs.putAll(FileCommands.readKeyValues(output, "GITHUB_OUTPUT"));
        reports.state.putAll(FileCommands.readKeyValues(state, "GITHUB_STATE"));
        reports.paths.addAll(FileCommands.readPaths(path));
        String text = FileCommands.readText(summary);
        if (!text.isBlank()) {
            reports.summary.append(text.endsWith("\n") ? text : text + "\n");
        }
    }

    /** What a step (or one process of it) reported besides its exit. */
    static final class Reports {
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, String> outputs = new LinkedHashMap<>();
        final Map<String, String> state = new LinkedHashMap<>();
        final java.util.List<String> paths = new java.util.ArrayList<>();
        final java.util.List<dev.orun.core.state.Annotation> annotations = new java.util.ArrayList<>();
        final StringBuilder summary = new StringBuilder();

        void absorb(StepCommands commands) {
            env.putAll(commands.env);
            outputs.putAll(commands.outputs);
            state.putAll(commands.state);
            paths.addAll(commands.paths);
            annotations.addAll(commands.annotations);
        }
    }
}
