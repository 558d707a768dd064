package dev.orun.backend.contract;

import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.TestDatabase;

class PostgresRestContractTest extends RestContract {
  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.createOrSkip();
  }
}
