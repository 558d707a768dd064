package dev.orun.backend.cli;

import dev.orun.backend.auth.CliLoginService;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orun-backend auth approve CODE --org O --project P}: approve a pending `orun auth login`. */
@Command(name = "auth", mixinStandardHelpOptions = true, description = "Approve CLI logins.",
    subcommands = AuthCommand.Approve.class)
final class AuthCommand {

  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = "Approve the pending login showing CODE for one project.")
  static final class Approve implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Parameters(paramLabel = "CODE", description = "The code the login shows, e.g. BCDF-GH23.")
    String code;

    @Option(names = "--org", required = true)
    String org;

    @Option(names = "--project", required = true)
    String project;

    @Override
    public Integer call() throws Exception {
      String normalised = CliLoginService.normalise(code);
      try (Database db = database.open(2)) {
        db.migrate();
        new CliLoginService(db, BackendConfig.defaults()).approve(normalised, new Scope(org, project));
      }
      System.out.println("Approved login " + normalised + " for " + org + "/" + project);
      return 0;
    }
  }
}
