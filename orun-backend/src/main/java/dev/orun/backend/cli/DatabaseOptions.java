package dev.orun.backend.cli;

import dev.orun.backend.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** {@code --data DIR | --database-url URL}, shared by every command that opens the database. */
final class DatabaseOptions {
  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Database (one of):%n")
  Choice choice;

  static final class Choice {
    @Option(names = "--data", paramLabel = "DIR",
        description = "Directory of the embedded database (default: ./.orun-backend/).")
    Path data;

    @Option(names = "--database-url", paramLabel = "URL",
        description = "JDBC URL of a PostgreSQL database, e.g. jdbc:postgresql://db/orun?user=orun&password=…")
    String url;
  }

  Database open(int poolSize) throws Exception {
    if (choice != null && choice.url != null) {
      if (!choice.url.startsWith("jdbc:postgresql:") && !choice.url.startsWith("jdbc:h2:")) {
        throw new IllegalArgumentException("--database-url must be a jdbc:postgresql: (or jdbc:h2:) URL");
      }
      return Database.open(choice.url, poolSize);
    }
    return Database.openEmbedded(dataDir(), poolSize);
  }

  /** The embedded database in a data directory (not a {@code --database-url}). */
  boolean embedded() {
    return choice == null || choice.url == null;
  }

  Path dataDir() {
    return choice != null && choice.data != null ? choice.data : Path.of(".orun-backend");
  }

  /** Where the data lives, without credentials (a URL's query string may hold a password). */
  String describe() {
    if (choice != null && choice.url != null) {
      int q = choice.url.indexOf('?');
      String bare = q < 0 ? choice.url : choice.url.substring(0, q);
      return bare.replaceAll("//[^/@]*@", "//");
    }
    return "embedded database in " + dataDir().toAbsolutePath().normalize();
  }
}
