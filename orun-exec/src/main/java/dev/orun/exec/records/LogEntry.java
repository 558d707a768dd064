package dev.orun.exec.records;

import dev.orun.core.state.Status;
import java.nio.file.Path;

/** One step's log of one job: where it is and how the step ended (its status, else its job's). */
public record LogEntry(String jobId, String stepId, Status status, Path file) {

    /** {@code job / step}, how the CLI labels the entry. */
    public String label() {
        return jobId + " / " + stepId;
    }
}
