package dev.orun.plan.internal.load;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The documented safe set for component, environment and job names (docs/decisions/safe-names.md):
 * ASCII letters, digits, {@code _}, and after the first character also {@code .} and {@code -}.
 * Names reach step commands through templates and {@code ORUN_*} variables; a name outside the set
 * (a space, {@code $(…)}, a quote, a non-ASCII letter) compiles, as it did in the original tool,
 * but is warned about, so {@code --strict} refuses it. Control characters are refused outright
 * ({@code JobId}).
 */
final class SafeNames {

    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private SafeNames() {
    }

    static void component(String name, Path file, int line, Warnings warnings) {
        warnIfUnsafe("component", name, ".orun.component.name", "ORUN_COMPONENT", file, line, warnings);
    }

    static void environment(String name, Path file, int line, Warnings warnings) {
        warnIfUnsafe("environment", name, ".orun.environment.name", "ORUN_ENVIRONMENT", file, line, warnings);
    }

    static void job(String name, Path file, int line, Warnings warnings) {
        warnIfUnsafe("job", name, ".orun.job.name", "ORUN_JOB_ID", file, line, warnings);
    }

    private static void warnIfUnsafe(String kind, String name, String field, String variable, Path file,
                                     int line, Warnings warnings) {
        if (name == null || SAFE.matcher(name).matches()) {
            return;
        }
        warnings.add(file, line, kind + " name \"" + name + "\" is outside the safe set (letters, digits, '_', "
                + "then also '.' and '-'): a step that uses it unquoted hands it to the shell; write {{ " + field
                + " | shellquote }} or \"$" + variable + "\"");
    }
}
