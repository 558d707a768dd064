package dev.orun.backend.contract;

import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.TestDatabase;

class H2RestContractTest extends RestContract {
  @Override
  TestDatabase newDatabase() {
    return new H2TestDatabase();
  }
}
