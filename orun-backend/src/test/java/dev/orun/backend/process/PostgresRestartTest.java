package dev.orun.backend.process;

import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.TestDatabase;
import java.util.List;

class PostgresRestartTest extends RestartContract {
  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.createOrSkip();
  }

  @Override
  List<String> databaseArgs(TestDatabase db) {
    return List.of("--database-url", db.jdbcUrl());
  }
}
