package dev.orun.cli;

import dev.orun.core.OrunException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code orun} command: wires the subcommands and maps errors to exit codes. */
@Command(name = "orun",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Compile declared monorepo intent into a deterministic plan and run it.",
        subcommands = {
                AutoComplete.GenerateCompletion.class,
                PlanCommand.class,
                ValidateCommand.class,
                RunCommand.class,
                StatusCommand.class,
                LogsCommand.class,
                ActionsCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        dev.orun.exec.Orun.preferFastProcessSpawn();
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; used by tests to run in-process. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleExecutionException);
        cli.setParameterExceptionHandler(Main::handleParameterException);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    /** Bad usage: the reason and where to read more, not the whole usage text (picocli prints that on --help). */
    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        cli.getErr().println("orun: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.getErr());
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.getErr().flush();
        return OrunException.EXIT_INVALID;
    }

    private static int handleExecutionException(Exception ex, CommandLine cli,
                                                CommandLine.ParseResult parseResult) {
        if (ex instanceof OrunException orun) {
            cli.getErr().println("orun: " + orun.getMessage());
            cli.getErr().flush();
            return orun.exitCode();
        }
        cli.getErr().println("orun: internal error: " + ex);
        if (System.getenv("ORUN_DEBUG") != null) {
            ex.printStackTrace(cli.getErr());
        }
        cli.getErr().flush();
        return OrunException.EXIT_FAILURE;
    }
}
