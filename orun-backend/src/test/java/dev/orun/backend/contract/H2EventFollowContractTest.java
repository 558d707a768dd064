package dev.orun.backend.contract;

import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.TestDatabase;

class H2EventFollowContractTest extends EventFollowContract {
  @Override
  TestDatabase newDatabase() {
    return new H2TestDatabase();
  }
}
