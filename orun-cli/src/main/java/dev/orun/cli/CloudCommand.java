package dev.orun.cli;

import dev.orun.remote.auth.OrunAuth;
import dev.orun.remote.auth.RepoLink;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orun cloud link}: cache which backend project this repository's remote-state runs use. */
@Command(name = "cloud", mixinStandardHelpOptions = true, description = "Connect this repository to an orun backend.",
        subcommands = CloudCommand.Link.class)
final class CloudCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: link");
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Cache this repository's (org, project) on the backend in ~/.orun/config.yaml.")
    static final class Link implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--backend-url", paramLabel = "URL", description = "orun backend URL (default: $ORUN_BACKEND_URL, else the last one used)")
        String backendUrl;

        @Option(names = {"--org", "--workspace"}, paramLabel = "ORG", description = "Org (default: $ORUN_ORG, else the session's)")
        String org;

        @Option(names = "--project", paramLabel = "PROJECT", description = "Project (default: $ORUN_PROJECT, else the session's)")
        String project;

        private final CliEnvironment environment;

        Link(CliEnvironment environment) {
            this.environment = environment;
        }

        @Override
        public Integer call() {
            OrunAuth auth = new OrunAuth(environment.variables(), Clock.systemUTC());
            RepoLink link = auth.link(auth.backendUrl(backendUrl).orElse(null), WorkspaceOptions.cwd(), org, project);
            PrintWriter out = spec.commandLine().getOut();
            out.println("✓ linked " + (link.repoFullName() != null ? link.repoFullName() : link.gitRemote()) + " to "
                    + link.org() + "/" + link.project() + " on " + link.backendUrl() + " (cached in "
                    + auth.configFile() + ")");
            out.flush();
            return 0;
        }
    }
}
