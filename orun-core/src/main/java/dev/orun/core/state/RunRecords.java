package dev.orun.core.state;

import java.util.List;
import java.util.Optional;

/**
 * The read side of execution state: the runs a backend knows of, one run's state and metadata,
 * and its step logs from any offset (so a follower can stream them while the run goes on).
 *
 * <p><b>Implemented by</b> the file backend ({@code FileRunRecords} in orun-exec) and the remote
 * client; made by {@link StateBackendProvider#records}. <b>Called by</b> the CLI's
 * {@code status} and {@code logs} (their main thread; {@code --watch}/{@code --follow} call it
 * repeatedly). Never writes anything. Records it cannot read are an error naming them
 * ({@link dev.orun.core.InvalidInputException}), never reported as a healthy run.
 */
public interface RunRecords extends AutoCloseable {

    /** Every recorded run, newest start first. */
    List<RunSummary> list();

    /**
     * The run with this id, else the only run whose id starts with it.
     *
     * @throws dev.orun.core.InvalidInputException when the prefix matches several runs
     */
    Optional<RunSummary> find(String execIdOrPrefix);

    /** The run's exact state and its logs. */
    RunRecord read(RunSummary run);

    /**
     * Up to {@code maxBytes} of a step's log from {@code offset}; empty when the log does not
     * exist (yet). A log shorter than {@code offset} is read from 0 ({@link LogChunk#restarted}).
     */
    LogChunk readLog(String execId, String jobId, String stepId, long offset, int maxBytes);

    /** The most recently started run. */
    default Optional<RunSummary> latest() {
        List<RunSummary> runs = list();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    @Override
    default void close() {
    }
}
