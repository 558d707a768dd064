package dev.orun.core.state;

import java.time.Duration;
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

    /**
     * Waits until {@code run} may have changed: a backend that is told of changes (a state
     * server's event long-poll) returns as soon as the run records an event, or after its own
     * bound (about 25 s); one that is not waits {@code poll}. {@code status --watch} and
     * {@code logs --follow} call this between reads.
     */
    default void awaitChange(RunSummary run, Duration poll) throws InterruptedException {
        Thread.sleep(poll.toMillis());
    }

    /** The most recently started run. */
    default Optional<RunSummary> latest() {
        List<RunSummary> runs = list();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    @Override
    default void close() {
    }
}
