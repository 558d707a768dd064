package dev.orun.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A step's {@code shell}, read once for the compiler and the runners: the compiler refuses a value
 * no runner can run, so the job does not fail after others have run. The known forms:
 * <ul>
 *   <li>none — the runner's default ({@code sh -c SCRIPT});</li>
 *   <li>{@code sh}, {@code bash} — stop at the first failing command (GitHub Actions' meaning);</li>
 *   <li>{@code python}, {@code python3} — the script in a file run by {@code python3};</li>
 *   <li>a command line containing {@code {0}}, such as {@code perl {0}} — split on spaces,
 *       {@code {0}} replaced by the script file.</li>
 * </ul>
 *
 * @param kind     which form
 * @param template the command line words for {@link Kind#TEMPLATE}, empty otherwise
 */
public record StepShell(Kind kind, List<String> template) {

    public enum Kind { DEFAULT, SH, BASH, PYTHON, TEMPLATE }

    public StepShell {
        template = List.copyOf(template);
    }

    /** @throws IllegalArgumentException for a value that is none of the known forms */
    public static StepShell parse(String shell) {
        String value = shell == null ? "" : shell.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "":
                return new StepShell(Kind.DEFAULT, List.of());
            case "sh":
                return new StepShell(Kind.SH, List.of());
            case "bash":
                return new StepShell(Kind.BASH, List.of());
            case "python", "python3":
                return new StepShell(Kind.PYTHON, List.of());
            default:
                if (value.contains("{0}")) {
                    return new StepShell(Kind.TEMPLATE, new ArrayList<>(List.of(value.split("\\s+"))));
                }
                throw new IllegalArgumentException("unsupported shell \"" + shell
                        + "\" (known: sh, bash, python, python3, or a command with {0} for the script file)");
        }
    }
}
