package dev.orun.runner.local;

import dev.orun.core.plan.Step;
import dev.orun.core.plan.StepShell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * Anything else is refused with a message listing these; the compiler refuses it first, with the
 * same parser ({@link StepShell}).
 */
public final class ShellCommand {

    private final List<String> command;
    private final Path scriptFile;

    private ShellCommand(List<String> command, Path scriptFile) {
        this.command = command;
        this.scriptFile = scriptFile;
    }

    public List<String> command() {
        return command;
    }

    /** Removes the temporary script file, if one was written. */
    public void cleanUp() {
        if (scriptFile != null) {
            try {
                Files.deleteIfExists(scriptFile);
            } catch (IOException ignored) {
                // a leftover file in the temp directory is harmless
            }
        }
    }

    /**
     * @param programs where {@code sh}, {@code bash} and {@code python3} are (looked up once per run)
     * @throws IllegalArgumentException for a shell no runner knows ({@link StepShell#parse})
     */
    public static ShellCommand of(Step step, Executables programs) throws IOException {
        String script = step.run() == null ? "" : step.run();
        StepShell shell = StepShell.parse(step.shell());
        switch (shell.kind()) {
            case SH:
                return new ShellCommand(List.of(programs.resolve("sh"), "-e", "-c", script), null);
            case BASH:
                return new ShellCommand(List.of(programs.resolve("bash"), "--noprofile", "--norc", "-e", "-o",
                        "pipefail", "-c", script), null);
            case PYTHON: {
                Path file = writeScript(script, ".py");
                return new ShellCommand(List.of(programs.resolve("python3"), file.toString()), file);
            }
            case TEMPLATE: {
                Path file = writeScript(script, "");
                List<String> command = new ArrayList<>();
                for (String part : shell.template()) {
                    command.add(part.replace("{0}", file.toString()));
                }
                command.set(0, programs.resolve(command.get(0)));
                return new ShellCommand(command, file);
            }
            default:
                return new ShellCommand(List.of(programs.resolve("sh"), "-c", script), null);
        }
    }

    private static Path writeScript(String script, String suffix) throws IOException {
        Path file = Files.createTempFile("orun-step-", suffix);
        Files.writeString(file, script, StandardCharsets.UTF_8);
        return file;
    }
}
