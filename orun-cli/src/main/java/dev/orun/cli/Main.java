package dev.orun.cli;

import dev.orun.cli.render.Terminal;
import dev.orun.core.OrunException;
import dev.orun.core.runner.RunnerPlugins;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orun} command: wires the subcommands and maps errors to exit codes. */
@Command(name = "orun",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Compile declared monorepo intent into a deterministic plan and run it.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code orun -i FILE COMMAND}: the subcommands read it through their own WorkspaceOptions. */
    @CommandLine.Mixin
    WorkspaceOptions workspaceOptions;

    private final CliEnvironment environment;

    Main(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        dev.orun.exec.Orun.preferFastProcessSpawn();
        // runner plugins: jars in $ORUN_PLUGIN_PATH or ~/.orun/plugins/, found by ServiceLoader
        Thread.currentThread().setContextClassLoader(
                RunnerPlugins.classLoader(System.getenv(), Main.class.getClassLoader()));
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; used by tests to run in-process. */
    public static int execute(String... args) {
        return newCommandLine(CliEnvironment.system(), args).execute(args);
    }

    /** The command line in this process's environment, with every subcommand. */
    public static CommandLine newCommandLine() {
        return newCommandLine(CliEnvironment.system());
    }

    /** The command line in the given environment, which commands read instead of the process's. */
    public static CommandLine newCommandLine(CliEnvironment environment) {
        return build(environment, Subcommands.ALL);
    }

    /**
     * The command line for running exactly {@code args}: only the subcommands they need are built
     * (see {@link Subcommands}); it answers these arguments as the whole command line would.
     */
    public static CommandLine newCommandLine(CliEnvironment environment, String... args) {
        return build(environment, Subcommands.neededFor(args));
    }

    private static CommandLine build(CliEnvironment environment, java.util.Map<String, Class<?>> subcommands) {
        Main main = new Main(environment);
        CommandFactory factory = new CommandFactory(environment);
        CommandLine cli = new CommandLine(main, factory);
        // before the settings below: picocli hands them only to subcommands already added
        subcommands.forEach((name, type) -> cli.addSubcommand(name, new CommandLine(type, factory)));
        // classes, not lambdas: picocli's interfaces are Java 5 class files, and a lambda
        // implementing one makes the JDK 17 archive dump leave it and every class implementing it
        // out of the launcher's class-data archives (docs/decisions/cli-start-up.md)
        cli.setExecutionExceptionHandler(new ExecutionErrors(main));
        cli.setParameterExceptionHandler(new ParameterErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(
                Terminal.detect(environment.variables(), environment.interactive(),
                        environment.ansi()).colour() ? CommandLine.Help.Ansi.ON
                        : CommandLine.Help.Ansi.OFF));
        if (environment.debug()) {
            DebugLogging.enable();
        }
        if (cli.getSubcommands().containsKey("run")) {
            RunnersHelp.addTo(cli.getSubcommands().get("run"));
        }
        return cli;
    }

    private static final class ParameterErrors implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return handleParameterException(ex, args);
        }
    }

    private static final class ExecutionErrors implements CommandLine.IExecutionExceptionHandler {
        private final Main main;

        ExecutionErrors(Main main) {
            this.main = main;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
            return main.handleExecutionException(ex, cli, parseResult);
        }
    }

    /** Bad usage: the reason and where to read more, not the whole usage text (picocli prints that on --help). */
    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        String unknownCommand = unknownCommand(ex);
        if (unknownCommand != null) {
            List<String> close = Suggestions.closest(unknownCommand, cli.getSubcommands().keySet());
            cli.getErr().println("orun: unknown command '" + unknownCommand + "'"
                    + (close.isEmpty() ? "" : "; did you mean '" + String.join("' or '", close) + "'?"));
        } else {
            cli.getErr().println("orun: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.getErr());
        }
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.getErr().flush();
        return OrunException.EXIT_INVALID;
    }

    /** The word in command position that names no command, when that is what went wrong. */
    private static String unknownCommand(CommandLine.ParameterException ex) {
        CommandLine cli = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException unmatched) || cli.getSubcommands().isEmpty()
                || !cli.getCommandSpec().positionalParameters().isEmpty()) {
            return null;
        }
        List<String> words = unmatched.getUnmatched();
        return words.isEmpty() || words.get(0).startsWith("-") ? null : words.get(0);
    }

    private int handleExecutionException(Exception ex, CommandLine cli,
                                         CommandLine.ParseResult parseResult) {
        if (ex instanceof OrunException orun) {
            cli.getErr().println("orun: " + orun.getMessage());
            cli.getErr().flush();
            return orun.exitCode();
        }
        cli.getErr().println("orun: internal error: " + ex);
        if (environment.debug()) {
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return OrunException.EXIT_FAILURE;
    }
}
