package dev.orun.exec.records;

import dev.orun.core.state.StateBackend;
import dev.orun.core.state.contract.StateBackendContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The file backend keeps the state-backend contract; each worker is its own backend on the same records. */
class FileStateBackendContractTest extends StateBackendContract {

    @TempDir
    Path workspace;

    @Override
    protected StateBackend newWorker(String execId) {
        return new FileStateBackend(workspace.resolve(".orun"), execId, clock, Duration.ofMillis(500));
    }

    @Override
    protected Optional<Path> storageRoot() {
        return Optional.of(workspace.resolve(".orun/executions").resolve(EXEC_ID));
    }
}
