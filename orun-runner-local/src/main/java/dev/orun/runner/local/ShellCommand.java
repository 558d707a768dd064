package dev.orun.runner.local;

import dev.orun.core.plan.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line that runs a {@code run:} step, chosen by the step's {@code shell}:
 * <ul>
 *   <li>none: {@code sh -c SCRIPT} — no {@code -e}, as orun compositions have always been run
 *       (a multi-line script's status is its last command's);</li>
 *   <li>{@code sh}: {@code sh -e -c SCRIPT} and {@code bash}:
 *       {@code bash --noprofile --norc -e -o pipefail -c SCRIPT} — GitHub Actions' meaning of an
 *       explicit shell: stop at the first failing command;</li>
 *   <li>{@code python}/{@code python3}: {@code python3 FILE} with the script in a temporary file;</li>
 *   <li>a template containing {@code {0}}, such as {@code perl {0}}: split on spaces, {@code {0}}
 *       replaced by the script file.</li>
 * </ul>
 * Anything else is refused with a message listing these.
 */
final class ShellCommand {

    private final List<String> command;
    private final Path scriptFile;

    private ShellCommand(List<String> command, Path scriptFile) {
        this.command = command;
        this.scriptFile = scriptFile;
    }

    List<String> command() {
        return command;
    }

    /** Removes the temporary script file, if one was written. */
    void cleanUp() {
        if (scriptFile != null) {
            try {
                Files.deleteIfExists(scriptFile);
            } catch (IOException ignored) {
                // a leftover file in the temp directory is harmless
            }
        }
    }

    /** @throws IllegalArgumentException for a shell this runner does not know */
    static ShellCommand of(Step step) throws IOException {
        String script = step.run() == null ? "" : step.run();
        String shell = step.shell() == null ? "" : step.shell().trim();
        switch (shell.toLowerCase(Locale.ROOT)) {
            case "":
                return new ShellCommand(List.of("sh", "-c", script), null);
            case "sh":
                return new ShellCommand(List.of("sh", "-e", "-c", script), null);
            case "bash":
                return new ShellCommand(List.of("bash", "--noprofile", "--norc", "-e", "-o",
                        "pipefail", "-c", script), null);
            case "python":
            case "python3": {
                Path file = writeScript(script, ".py");
                return new ShellCommand(List.of("python3", file.toString()), file);
            }
            default:
                if (shell.contains("{0}")) {
                    Path file = writeScript(script, "");
                    List<String> command = new ArrayList<>();
                    for (String part : shell.split("\\s+")) {
                        command.add(part.replace("{0}", file.toString()));
                    }
                    return new ShellCommand(command, file);
                }
                throw new IllegalArgumentException("unsupported shell \"" + shell
                        + "\" (the local runner knows sh, bash, python, or a command with {0} "
                        + "for the script file)");
        }
    }

    private static Path writeScript(String script, String suffix) throws IOException {
        Path file = Files.createTempFile("orun-step-", suffix);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return file;
    }
}
