package dev.orun.exec.records;

import dev.orun.exec.internal.records.ExecutionLayout;
import java.nio.file.Path;

/**
 * Where a detached ({@code --background}) run keeps its console output and its pid, inside the
 * execution's own records directory. The launcher writes them; {@link FileRunRecords} reads the
 * pid to tell a live background run from a dead one.
 *
 * @param dir     the execution's directory, {@code .orun/executions/<exec-id>/}
 * @param log     the detached process's console output
 * @param pidFile the detached process's pid
 */
public record BackgroundFiles(Path dir, Path log, Path pidFile) {

    /** The files of execution {@code execId} (validated here) under {@code orunDir}. */
    public static BackgroundFiles of(Path orunDir, String execId) {
        ExecutionLayout layout = ExecutionLayout.of(orunDir, ExecIds.validate(execId));
        return new BackgroundFiles(layout.dir(), layout.backgroundLog(), layout.pidFile());
    }
}
