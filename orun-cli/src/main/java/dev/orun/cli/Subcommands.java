package dev.orun.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which subcommands a command line needs built. picocli reads every command's annotations when it
 * is added (reflection, annotation proxies, one model object per option), and that was a large part
 * of a small command's start-up; {@code orun status} needs only {@code status}. So the command word
 * is found before parsing and only that command is built; the whole tree is built when it is
 * needed: for {@code orun --help}, for an unknown word (the "did you mean" list) and for the
 * completion commands, which walk the tree (see docs/decisions/cli-start-up.md).
 */
final class Subcommands {

    /** Every subcommand by name, in the order {@code orun --help} lists them. */
    static final Map<String, Class<?>> ALL = all();

    /** Commands that read the other commands' models. */
    private static final Set<String> NEED_ALL = Set.of("generate-completion", "__complete");

    /** Options of {@code orun} itself that take a value (the value is not a command word). */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-i", "--intent");

    private Subcommands() {
    }

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("generate-completion", GenerateCompletionCommand.class);
        all.put("__complete", CompleteCommand.class);
        all.put("plan", PlanCommand.class);
        all.put("validate", ValidateCommand.class);
        all.put("run", RunCommand.class);
        all.put("status", StatusCommand.class);
        all.put("logs", LogsCommand.class);
        all.put("actions", ActionsCommand.class);
        all.put("auth", AuthCommand.class);
        all.put("cloud", CloudCommand.class);
        return all;
    }

    /** The subcommands to build for these arguments: the named one, none, or all of them. */
    static Map<String, Class<?>> neededFor(String... args) {
        String word = commandWord(args);
        if (word == null) {
            return onlyAsksForTheVersion(args) ? Map.of() : ALL;
        }
        if (!ALL.containsKey(word) || NEED_ALL.contains(word)) {
            return ALL;
        }
        return Map.of(word, ALL.get(word));
    }

    /** The first argument in command position (after {@code orun}'s own options), or null. */
    static String commandWord(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (arg.equals("--")) {
                return null; // an end of options where a command is expected: let picocli judge with all
            } else if (!arg.startsWith("-") || arg.equals("-")) {
                return arg;
            }
        }
        return null;
    }

    /**
     * {@code orun --version} needs no command. Anything else without a command word — help, an
     * unknown option (its error lists close matches), nothing at all — is answered with all.
     */
    private static boolean onlyAsksForTheVersion(String... args) {
        for (String arg : args) {
            if (!arg.equals("-V") && !arg.equals("--version")) {
                return false;
            }
        }
        return args.length > 0;
    }
}
