package dev.orun.backend.store.migration;

import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 6: leaves free room in each of {@code run_jobs}'s pages on PostgreSQL, so that the new
 * version of an updated job row fits on the page of the old one and the update can skip the
 * indexes (HOT), as most job updates may since migration 5 (docs/decisions/backend-throughput.md).
 * A storage parameter, not schema: H2 has no such setting and the migration does nothing there,
 * so both engines still run the same migrations to the same schema. Pages written before keep
 * their layout; new ones get the room.
 */
public final class RunJobsFillFactor implements JavaMigration {
  /** Percent of a page filled by inserts; the rest is for updated versions of its rows. */
  static final int FILL_FACTOR = 70;

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("6");
  }

  @Override
  public String getDescription() {
    return "run jobs fill factor";
  }

  @Override
  public Integer getChecksum() {
    return FILL_FACTOR;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    if (!context.getConnection().getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
      return;
    }
    try (Statement s = context.getConnection().createStatement()) {
      s.execute("ALTER TABLE run_jobs SET (fillfactor = " + FILL_FACTOR + ")");
    }
  }
}
