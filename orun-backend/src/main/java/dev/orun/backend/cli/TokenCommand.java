package dev.orun.backend.cli;

import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TokenStore.TokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orun-backend token create|list|revoke}: API tokens, managed straight in the database. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token scoped to one project (or an admin token) and print it once.")
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Option(names = "--org", description = "Organization the token may act in.")
    String org;

    @Option(names = "--project", description = "Project the token may act in.")
    String project;

    @Option(names = "--admin", description = "An admin token: approves CLI logins, reads no state.")
    boolean admin;

    @Option(names = "--name", description = "A label shown by `token list`.")
    String name;

    @Option(names = "--ttl", converter = Durations.class, description = "Lifetime, e.g. 30d or 12h. Default: no expiry.")
    Duration ttl;

    @Override
    public Integer call() throws Exception {
      Scope scope = null;
      if (admin) {
        if (org != null || project != null) {
          throw new IllegalArgumentException("--admin tokens have no --org/--project");
        }
      } else {
        if (!Ids.isScopeSegment(org) || !Ids.isScopeSegment(project)) {
          throw new IllegalArgumentException("--org and --project are required (letters, digits, _ . - only)");
        }
        scope = new Scope(org, project);
      }
      try (Database db = database.open(2)) {
        db.migrate();
        TokenService.Issued t = new TokenService(db, Clock.systemUTC()).issue(admin ? Principal.ADMIN : Principal.API,
            scope, name, ttl, null);
        System.err.println("Created token " + t.id() + (scope == null ? " (admin)" : " for " + org + "/" + project)
            + (t.expiresAt() == null ? "" : ", expires " + t.expiresAt()) + ". It is shown once; store it now:");
        System.out.println(t.token());
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List API and admin tokens (never their secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
      try (Database db = database.open(2)) {
        db.migrate();
        System.out.printf("%-22s %-6s %-30s %-20s %-24s %s%n", "ID", "KIND", "SCOPE", "NAME", "EXPIRES", "STATE");
        long now = System.currentTimeMillis();
        for (TokenRow t : new TokenService(db, Clock.systemUTC()).list()) {
          String state = t.revokedAt() != null ? "revoked"
              : t.expiresAt() != null && t.expiresAt() <= now ? "expired" : "active";
          System.out.printf("%-22s %-6s %-30s %-20s %-24s %s%n", t.id(), t.kind(),
              t.org() == null ? "-" : t.org() + "/" + t.project(), t.name() == null ? "-" : t.name(),
              t.expiresAt() == null ? "never" : Instant.ofEpochMilli(t.expiresAt()).toString(), state);
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token by its id.")
  static final class Revoke implements Callable<Integer> {
    @Mixin DatabaseOptions database;

    @Parameters(paramLabel = "ID", description = "The token id shown by `token list`.")
    String id;

    @Override
    public Integer call() throws Exception {
      try (Database db = database.open(2)) {
        db.migrate();
        if (!new TokenService(db, Clock.systemUTC()).revoke(id)) {
          throw new IllegalArgumentException("no active token with id " + id);
        }
        System.out.println("Revoked " + id);
      }
      return 0;
    }
  }
}
