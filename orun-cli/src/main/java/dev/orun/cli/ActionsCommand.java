package dev.orun.cli;

import dev.orun.runner.gha.ActionCache;
import dev.orun.runner.gha.ActionFetcher;
import dev.orun.runner.gha.ActionRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code orun actions}: seeds the cache the github-actions runner reads remote actions from. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "Manage the cache of remote GitHub actions ($ORUN_ACTIONS_CACHE, else ~/.orun/actions).",
        subcommands = {ActionsCommand.Fetch.class, ActionsCommand.Import.class})
public final class ActionsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: fetch or import");
    }

    /** {@code orun actions fetch owner/repo@ref}: download through the GitHub API. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download owner/repo[/path]@ref through the GitHub API into the cache.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        Fetch(CliEnvironment environment) {
            this.environment = environment.variables();
        }

        @Parameters(paramLabel = "ACTION", description = "owner/repo[/path]@ref, e.g. actions/checkout@v4")
        String action;

        @Override
        public Integer call() {
            ActionCache cache = ActionCache.fromEnvironment(environment);
            Path dir = new ActionFetcher(cache, environment).fetch(ActionRef.parse(action));
            spec.commandLine().getOut().println("cached " + action + " in " + dir);
            return 0;
        }
    }

    /** {@code orun actions import DIR owner/repo@ref}: seed the cache from a checkout. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Copy a checkout of an action into the cache as owner/repo[/path]@ref (works offline).")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        Import(CliEnvironment environment) {
            this.environment = environment.variables();
        }

        @Parameters(index = "0", paramLabel = "DIR", description = "a checkout of the action's repository")
        Path directory;

        @Parameters(index = "1", paramLabel = "ACTION", description = "owner/repo[/path]@ref it stands for")
        String action;

        @Override
        public Integer call() throws Exception {
            ActionCache cache = ActionCache.fromEnvironment(environment);
            Path dir = cache.importDirectory(directory.toAbsolutePath(), ActionRef.parse(action));
            spec.commandLine().getOut().println("cached " + action + " in " + dir);
            return 0;
        }
    }
}
