package dev.orun.backend.contract;

import dev.orun.backend.testing.PostgresTestDatabase;
import dev.orun.backend.testing.TestDatabase;

class PostgresSecretsContractTest extends SecretsContract {
  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.createOrSkip();
  }
}
