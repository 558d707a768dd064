package dev.orun.core.state;

/**
 * One step's log of one job as {@link RunRecords} lists it: which step, how the step ended
 * ({@code status}) and how its job did ({@code jobStatus}). Its bytes are read with
 * {@link RunRecords#readLog}.
 *
 * <p>Made by {@link RunRecords} implementations on the caller's thread; read by the CLI's
 * {@code logs}. Immutable.
 */
public record StepLog(String jobId, String stepId, Status status, Status jobStatus) {

    /** {@code job / step}, how the CLI labels the entry. */
    public String label() {
        return jobId + " / " + stepId;
    }
}
