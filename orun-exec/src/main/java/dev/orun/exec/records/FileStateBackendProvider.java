package dev.orun.exec.records;

import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StateBackendProvider;
import dev.orun.core.state.StateBackendSettings;
import dev.orun.core.state.StateBackends;

/**
 * The {@code file} state backend (the default): the local records under
 * {@code .orun/executions/}. Found through {@link java.util.ServiceLoader}.
 */
public final class FileStateBackendProvider implements StateBackendProvider {

    @Override
    public String name() {
        return StateBackends.DEFAULT;
    }

    @Override
    public StateBackend open(StateBackendSettings settings, String execId) {
        return new FileStateBackend(settings.orunDir(), execId);
    }

    @Override
    public RunRecords records(StateBackendSettings settings) {
        return new FileRunRecords(settings.orunDir());
    }
}
