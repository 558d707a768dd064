package dev.orun.core.state.contract;

import dev.orun.core.state.StateBackend;
import java.nio.file.Path;
import java.util.Optional;

/** The in-memory backend keeps the contract (and so is a fair stand-in in engine tests). */
class InMemoryStateBackendContractTest extends StateBackendContract {

    private final InMemoryStateBackend.Store store = new InMemoryStateBackend.Store(clock);

    @Override
    protected StateBackend newWorker(String execId) {
        return store.worker();
    }

    @Override
    protected Optional<Path> storageRoot() {
        return Optional.empty();
    }
}
