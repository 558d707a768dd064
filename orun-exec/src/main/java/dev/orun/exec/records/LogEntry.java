package dev.orun.exec.records;

import dev.orun.core.state.Status;
import java.nio.file.Path;

/**
 * One step's log of one job: where it is, how the step ended ({@code status}) and how its job
 * did ({@code jobStatus}).
 */
public record LogEntry(String jobId, String stepId, Status status, Status jobStatus, Path file) {

    /** {@code job / step}, how the CLI labels the entry. */
    public String label() {
        return jobId + " / " + stepId;
    }
}
