package dev.orun.backend.contract;

import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One server per test class over a fresh database of the engine the subclass picks; every test
 * works in its own run so tests do not see each other's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ContractBase {
  static final String ORG = "acme";
  static final String PROJECT = "web";
  static final String STATE = Api.state(ORG, PROJECT);

  TestDatabase database;
  RunningBackend backend;
  MutableClock clock;
  Api api;

  /** The database under test; PostgreSQL subclasses skip when none is configured. */
  abstract TestDatabase newDatabase();

  @BeforeAll
  void startServer() {
    database = newDatabase();
    clock = new MutableClock();
    backend = new RunningBackend(database, clock);
    api = backend.api(backend.token(ORG, PROJECT));
  }

  @AfterAll
  void stopServer() {
    if (backend != null) {
      backend.close();
    }
    if (database != null) {
      database.close();
    }
  }

  String run(String runId) {
    return STATE + "/runs/" + runId;
  }

  String verb(String runId, String jobId, String verb) {
    return STATE + "/runs/" + runId + "/jobs/" + jobId + ":" + verb;
  }
}
