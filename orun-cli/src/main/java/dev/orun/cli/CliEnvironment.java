package dev.orun.cli;

import dev.orun.core.CiEnvironment;
import java.util.Map;
import picocli.CommandLine.Help;

/**
 * What commands read from the process they run in — its variables and its terminal — handed to
 * them instead of read from {@link System#getenv()}, so tests run CI paths in-process.
 *
 * @param variables   the environment variables
 * @param interactive a console is attached (stdin and stdout are a terminal)
 * @param ansi        the terminal understands colour codes (picocli's {@link Help.Ansi#AUTO})
 */
public record CliEnvironment(Map<String, String> variables, boolean interactive, boolean ansi) {

    public CliEnvironment {
        variables = Map.copyOf(variables);
    }

    /** This process's environment and terminal. */
    public static CliEnvironment system() {
        return new CliEnvironment(System.getenv(), System.console() != null,
                Help.Ansi.AUTO.enabled());
    }

    /** Variables only, as a test gives them: no terminal. */
    public static CliEnvironment of(Map<String, String> variables) {
        return new CliEnvironment(variables, false, false);
    }

    public String get(String name) {
        return variables.get(name);
    }

    public boolean ci() {
        return CiEnvironment.detected(variables);
    }

    /** {@code ORUN_DEBUG=1}: debug logging and stack traces. */
    public boolean debug() {
        String value = variables.get("ORUN_DEBUG");
        return value != null && !value.isBlank() && !value.equals("0")
                && !value.equalsIgnoreCase("false");
    }
}
