package dev.orun.exec.records;

import dev.orun.core.state.LogChunk;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.StepLog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Streams the logs of a run through any {@link RunRecords}: everything written so far, then —
 * while the run is in progress — whatever is appended, including logs of steps that start later,
 * until the run ends (or its process is found dead). Output arrives in chunks tagged with their
 * entry, in log order within an entry; the caller labels them.
 */
public final class LogFollower {

    private static final int CHUNK = 64 * 1024;

    /** Receives log bytes; {@code bytes} is only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void write(StepLog entry, byte[] bytes, int offset, int length);

        /**
         * Everything written so far was passed on and the follower waits for more: the moment to
         * flush what the sink buffers (not after every chunk: a large run has thousands).
         */
        default void caughtUp() {
        }
    }

    private final RunRecords records;
    private final RunSummary run;
    private final Predicate<StepLog> filter;
    private final Duration poll;
    private final Map<String, Long> offsets = new HashMap<>();

    public LogFollower(RunRecords records, RunSummary run, Predicate<StepLog> filter, Duration poll) {
        this.records = records;
        this.run = run;
        this.filter = filter;
        this.poll = poll;
    }

    /** Writes all matching logs once, without waiting for more. */
    public RunRecord drainOnce(Sink sink) {
        RunRecord record = records.read(run);
        drain(record.logs(), sink);
        return record;
    }

    /** Writes matching logs until the run is over; returns the run as it ended. */
    public RunRecord follow(Sink sink) throws InterruptedException {
        RunSummary current = run;
        while (true) {
            RunRecord record = records.read(current);
            boolean over = !record.inProgress();
            drain(record.logs(), sink);
            if (over) {
                return record;
            }
            sink.caughtUp();
            records.awaitChange(current, poll);
            current = records.find(run.execId()).orElse(current);
        }
    }

    private void drain(List<StepLog> entries, Sink sink) {
        for (StepLog entry : entries) {
            if (filter.test(entry)) {
                drain(entry, sink);
            }
        }
    }

    private void drain(StepLog entry, Sink sink) {
        String key = entry.jobId() + "\u0000" + entry.stepId();
        long offset = offsets.getOrDefault(key, 0L);
        while (true) {
            LogChunk chunk = records.readLog(run.execId(), entry.jobId(), entry.stepId(), offset, CHUNK);
            if (chunk.bytes().length > 0) {
                sink.write(entry, chunk.bytes(), 0, chunk.bytes().length);
            }
            offset = chunk.nextOffset();
            if (chunk.bytes().length < CHUNK) {
                break;
            }
        }
        offsets.put(key, offset);
    }
}
