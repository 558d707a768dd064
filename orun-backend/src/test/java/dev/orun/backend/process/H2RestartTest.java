package dev.orun.backend.process;

import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.TestDatabase;
import java.util.List;

class H2RestartTest extends RestartContract {
  @Override
  TestDatabase newDatabase() {
    return new H2TestDatabase();
  }

  @Override
  List<String> databaseArgs(TestDatabase db) {
    return List.of("--data", ((H2TestDatabase) db).dir().toString());
  }
}
