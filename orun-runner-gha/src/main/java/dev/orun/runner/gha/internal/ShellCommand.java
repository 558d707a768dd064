package dev.orun.runner.gha.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub's shell rules for {@code run:} steps: no {@code shell} means
 * {@code bash --noprofile --norc -eo pipefail {0}} when bash is on PATH, else {@code sh -e {0}};
 * {@code bash}, {@code sh}, {@code python}, {@code node} and {@code pwsh} have GitHub's
 * templates; anything else is a custom template, split on spaces, with {@code {0}} replaced by
 * the script file (appended when absent).
 */
record ShellCommand(List<String> template, String extension) {

    /**
     * Whether the script can be passed inline ({@code -c}) instead of through a file: for
     * {@code bash} and {@code sh}, where it makes no difference to the script but saves writing
     * a file per step.
     */
    boolean inline() {
        String program = Path.of(template.get(0)).getFileName().toString();
        return template.get(template.size() - 1).equals("{0}")
                && (program.equals("bash") || program.equals("sh"));
    }

    /**
     * This command with its program as the absolute path {@code PATH} finds it at, so starting
     * it does not try every {@code PATH} entry again (the runner keeps the result per run).
     * Unchanged when the program is already a path or not found (starting it then says so).
     */
    ShellCommand resolved(Map<String, String> env) {
        String program = template.get(0);
        if (program.contains("/")) {
            return this;
        }
        for (String dir : env.getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path candidate = dir.isEmpty() ? null : Path.of(dir, program);
            if (candidate != null && Files.isExecutable(candidate)) {
                List<String> command = new ArrayList<>(template);
                command.set(0, candidate.toString());
                return new ShellCommand(List.copyOf(command), extension);
            }
        }
        return this;
    }

    /** The command running {@code script} inline; see {@link #inline()}. */
    List<String> inlineCommand(String script) {
        List<String> command = new ArrayList<>(template.subList(0, template.size() - 1));
        command.add("-c");
        command.add(script);
        return command;
    }

    static ShellCommand of(String shell, Map<String, String> env) {
        String name = shell == null ? "" : shell.strip();
        if (name.isEmpty()) {
            return onPath("bash", env) ? of("bash", env) : of("sh", env);
        }
        return switch (name) {
            case "bash" -> new ShellCommand(List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", "{0}"), ".sh");
            case "sh" -> new ShellCommand(List.of("sh", "-e", "{0}"), ".sh");
            case "python" -> new ShellCommand(List.of(onPath("python", env) ? "python" : "python3", "{0}"), ".py");
            case "node" -> new ShellCommand(List.of("node", "{0}"), ".js");
            case "pwsh" -> new ShellCommand(List.of("pwsh", "-command", ". '{0}'"), ".ps1");
            default -> custom(name);
        };
    }

    private static ShellCommand custom(String template) {
        List<String> parts = new ArrayList<>(List.of(template.split("\\s+")));
        if (parts.stream().noneMatch(p -> p.contains("{0}"))) {
            parts.add("{0}");
        }
        return new ShellCommand(parts, "");
    }

    List<String> command(Path script) {
        return template.stream().map(p -> p.replace("{0}", script.toString())).toList();
    }

    static boolean onPath(String program, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
