package dev.orun.backend.cli;

import dev.orun.backend.secrets.SecretService;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.SecretStore;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code orun-backend secret set|list|delete}: a project's secrets, managed straight in the
 * database like tokens, so they work whether or not a server runs on it. Values are read from
 * stdin or a file, never from the command line (where {@code ps} and shell history would see
 * them), and never printed.
 */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Manage a project's secrets.",
    subcommands = {SecretCommand.Set.class, SecretCommand.ListSecrets.class, SecretCommand.Delete.class})
final class SecretCommand {

  /** {@code --org O --project P}, required by every secret command. */
  static final class ProjectOptions {
    @Option(names = "--org", required = true, description = "Organization of the project.")
    String org;

    @Option(names = "--project", required = true, description = "Project the secret belongs to.")
    String project;

    Scope scope() {
      if (!Ids.isScopeSegment(org) || !Ids.isScopeSegment(project)) {
        throw new IllegalArgumentException("--org and --project: letters, digits, _ . - only");
      }
      return new Scope(org, project);
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Store a secret (a new version when it exists). The value comes from stdin or --from-file;"
          + " one trailing newline is dropped.")
  static final class Set implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Mixin SecretsKeyOptions secretsKey;
    @Mixin ProjectOptions project;

    @Parameters(index = "0", paramLabel = "KEY",
        description = "The key, e.g. DB_PASSWORD (or a secret:// reference ending in it).")
    String key;

    /** Caught so that a value typed after the key is refused without being echoed back. */
    @Parameters(index = "1..*", hidden = true)
    java.util.List<String> valueOnCommandLine;

    @Option(names = "--from-file", paramLabel = "FILE", description = "Read the value from FILE instead of stdin.")
    Path fromFile;

    @Override
    public Integer call() throws Exception {
      if (valueOnCommandLine != null && !valueOnCommandLine.isEmpty()) {
        throw new IllegalArgumentException("secret set takes the value from stdin or --from-file, never from the"
            + " command line (clear it from your shell history)");
      }
      Scope scope = project.scope();
      String k = SecretService.keyOf(key);
      String value = dropOneNewline(fromFile != null ? readFile(fromFile) : readStdin(k));
      try (Database db = database.open(2)) {
        db.migrate();
        SecretService.Stored stored = new SecretService(db, secretsKey.load(database), Clock.systemUTC())
            .set(scope, k, value);
        System.out.println("Stored " + stored.key() + " version " + stored.version() + " in " + scope.org() + "/"
            + scope.project());
      }
      return 0;
    }

    private static String readFile(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
      }
    }

    private static String readStdin(String key) throws IOException {
      Console console = System.console();
      if (console != null) {
        char[] typed = console.readPassword("Value of %s: ", key);
        return typed == null ? "" : new String(typed);
      }
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static String dropOneNewline(String value) {
      if (value.endsWith("\r\n")) {
        return value.substring(0, value.length() - 2);
      }
      return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List a project's secret keys and versions"
      + " (never their values).")
  static final class ListSecrets implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Mixin ProjectOptions project;

    @Override
    public Integer call() throws Exception {
      Scope scope = project.scope();
      try (Database db = database.open(2)) {
        db.migrate();
        System.out.printf("%-40s %-8s %s%n", "KEY", "VERSION", "UPDATED");
        for (SecretStore.Listed s : new SecretService(db, null, Clock.systemUTC()).list(scope)) {
          System.out.printf("%-40s %-8d %s%n", s.key(), s.version(), Instant.ofEpochMilli(s.updatedAt()));
        }
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a secret (every version).")
  static final class Delete implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Mixin ProjectOptions project;

    @Parameters(paramLabel = "KEY", description = "The key to delete.")
    String key;

    @Override
    public Integer call() throws Exception {
      Scope scope = project.scope();
      String k = SecretService.keyOf(key);
      try (Database db = database.open(2)) {
        db.migrate();
        if (!new SecretService(db, null, Clock.systemUTC()).delete(scope, k)) {
          throw new IllegalArgumentException("no secret " + k + " in " + scope.org() + "/" + scope.project());
        }
        System.out.println("Deleted " + k + " from " + scope.org() + "/" + scope.project());
      }
      return 0;
    }
  }
}
