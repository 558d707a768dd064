package dev.orun.backend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code orun-backend}: the self-hostable State API server and its admin commands. */
@Command(name = "orun-backend", mixinStandardHelpOptions = true, version = "orun-backend 0.1.0",
    description = "The orun State API server: runs, leases, logs and objects for distributed orun runs.",
    subcommands = {ServeCommand.class, TokenCommand.class, MigrateCommand.class, AuthCommand.class,
        TrustCommand.class, SecretCommand.class, CommandLine.HelpCommand.class})
public final class BackendMain {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 bad usage or input). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new BackendMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      cmd.getErr().println("orun-backend: " + message);
      return e instanceof IllegalArgumentException || e instanceof dev.orun.backend.service.ApiException ? 2 : 1;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("orun-backend: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }
}
