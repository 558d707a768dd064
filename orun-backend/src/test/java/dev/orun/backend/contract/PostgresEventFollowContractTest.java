package dev.orun.backend.contract;

import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.TestDatabase;

class PostgresEventFollowContractTest extends EventFollowContract {
  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.createOrSkip();
  }
}
