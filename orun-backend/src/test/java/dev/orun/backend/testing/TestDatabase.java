package dev.orun.backend.testing;

import dev.orun.backend.store.Database;

/** A fresh, empty database for one test class: embedded H2 in a temp dir, or a new PostgreSQL database. */
public interface TestDatabase extends AutoCloseable {
  /** Opens a pool on the database (several pools may share it, as several servers would). */
  Database open();

  /** The JDBC URL, for a server started as a separate process. */
  String jdbcUrl();

  String describe();

  @Override
  void close();
}
