package dev.orun.core.state.contract;

import dev.orun.backend.auth.Principal;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.http.BackendServer;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.core.OrunException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.remote.client.RemoteStateBackend;
import dev.orun.remote.client.RunIds;
import dev.orun.remote.client.StateHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The state-backend contract, run by the remote client against a real server on loopback (the
 * embedded database), whose clock is the contract's: each worker is a separate client with its
 * own runner id, as separate processes would be, measuring lease ages on a clock the contract's moves.
 */
class RemoteStateBackendContractTest extends StateBackendContract {
    private H2TestDatabase database;
    private Database db;
    private BackendServer server;
    private String token;
    private Path spill;

    @BeforeEach
    void startServer() throws Exception {
        database = new H2TestDatabase();
        db = database.open();
        db.migrate();
        server = new BackendServer(db, BackendConfig.defaults().withListen("127.0.0.1", 0).withClock(clock)
                .withSweepInterval(Duration.ofHours(1))).start();
        token = new TokenService(db, clock).issue(Principal.API, new Scope("acme", "web"), "contract", null, null)
                .token();
        spill = Files.createTempDirectory("orun-remote-contract-");
    }

    @AfterEach
    void stopServer() {
        server.close();
        db.close();
    }

    @Override
    protected StateBackend newWorker(String execId) {
        StateHttp http = new StateHttp("http://127.0.0.1:" + server.port(), "acme", "web", () -> token);
        // the client measures lease ages on a clock that moves with the contract's, as a stalled
        // process's would with the server's: a stall the test makes by advancing the clock is one
        // the client sees too
        Instant start = clock.instant();
        return new RemoteStateBackend(http, execId, RunIds.runnerId(Map.of()), spill,
                () -> Duration.between(start, clock.instant()).toNanos() + System.nanoTime());
    }

    @Override
    protected Optional<Path> storageRoot() {
        return Optional.empty(); // the client keeps no files but its log spill (a fixed name in its own dir)
    }

    /**
     * Here the server stands in for the file system: it accepts only job ids of letters, digits
     * and {@code @ . _ + -} without {@code ..}, so a plan with hostile ids is refused as bad input
     * (exit 2) when the run is created, before any job or log exists.
     */
    @Override
    @Test
    void logsOfHostileIdsStayInsideTheRunAndNeverMix() {
        StateBackend worker = newWorker(EXEC_ID);
        try {
            assertThatThrownBy(() -> worker.open(new RunDescriptor(EXEC_ID,
                    plan(java.util.List.of(job("a@dev.x"), job("a/../../b@dev.x"))), "local", "manual", "contract")))
                    .isInstanceOf(StateUnavailableException.class)
                    .hasMessageContaining("validation_failed")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((OrunException) e).exitCode())
                            .isEqualTo(OrunException.EXIT_INVALID));
        } finally {
            worker.close();
        }
    }
}
