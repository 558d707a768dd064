package dev.orun.backend.cli;

import dev.orun.backend.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code orun-backend migrate}: bring the schema up to date (serve does this too). */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply pending schema migrations.")
final class MigrateCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Override
  public Integer call() throws Exception {
    try (Database db = database.open(2)) {
      int applied = db.migrate();
      System.out.println(applied == 0 ? "Schema is up to date (" + database.describe() + ")"
          : "Applied " + applied + " migration(s) (" + database.describe() + ")");
    }
    return 0;
  }
}
