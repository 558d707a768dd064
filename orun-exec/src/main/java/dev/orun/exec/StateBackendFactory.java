package dev.orun.exec;

import dev.orun.core.state.StateBackend;
import java.nio.file.Path;

/** Opens the state backend for one execution; the local records by default, remote state later. */
@FunctionalInterface
public interface StateBackendFactory {

    /**
     * @param orunDir the workspace's {@code .orun} directory
     * @param execId  the execution id
     */
    StateBackend open(Path orunDir, String execId);
}
