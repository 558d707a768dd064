package dev.orun.cli;

import dev.orun.backend.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The matrix contract against a server on PostgreSQL: a fresh {@code orun_test_<random>}
 * database on {@code ORUN_TEST_POSTGRES_URL} (skipped, saying so, when that is not set).
 */
class RemoteStateMatrixPostgresTest extends RemoteStateMatrixContract {
    private static PostgresTestDatabase database;

    @BeforeAll
    static void startServer() throws Exception {
        database = PostgresTestDatabase.createOrSkip();
        server = StateServerProcess.servePostgres(database.jdbcUrl());
        token = server.token("acme", "web");
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            server = null;
            if (database != null) {
                database.close();
            }
        }
    }
}
