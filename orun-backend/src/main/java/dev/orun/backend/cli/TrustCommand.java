package dev.orun.backend.cli;

import dev.orun.backend.auth.TrustService;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TrustStore.Binding;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orun-backend trust add|list|remove}: which repositories may use GitHub Actions OIDC. */
@Command(name = "trust", mixinStandardHelpOptions = true,
    description = "Let GitHub Actions workflows of a repository exchange OIDC tokens for a project.",
    subcommands = {TrustCommand.Add.class, TrustCommand.ListBindings.class, TrustCommand.Remove.class})
final class TrustCommand {

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Trust REPOSITORY (owner/name) for a project.")
  static final class Add implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Parameters(paramLabel = "REPOSITORY")
    String repository;

    @Option(names = "--org", required = true)
    String org;

    @Option(names = "--project", required = true)
    String project;

    @Option(names = "--ref", defaultValue = "*", description = "Allowed git refs (glob), e.g. refs/heads/main. Default: any.")
    String ref;

    @Override
    public Integer call() throws Exception {
      try (Database db = database.open(2)) {
        db.migrate();
        Binding b = new TrustService(db, Clock.systemUTC()).add(repository, new Scope(org, project), ref);
        System.out.println("Trusted " + b.repository() + " (" + b.refPattern() + ") for " + org + "/" + project
            + " as " + b.id());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List trust bindings.")
  static final class ListBindings implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
      try (Database db = database.open(2)) {
        db.migrate();
        for (Binding b : new TrustService(db, Clock.systemUTC()).list()) {
          System.out.printf("%-24s %-40s %-30s %s%n", b.id(), b.repository(), b.org() + "/" + b.project(),
              b.refPattern());
        }
      }
      return 0;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a trust binding by id.")
  static final class Remove implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Parameters(paramLabel = "ID")
    String id;

    @Override
    public Integer call() throws Exception {
      try (Database db = database.open(2)) {
        db.migrate();
        if (!new TrustService(db, Clock.systemUTC()).remove(id)) {
          throw new IllegalArgumentException("no trust binding with id " + id);
        }
        System.out.println("Removed " + id);
      }
      return 0;
    }
  }
}
