package dev.orun.core.state;

import dev.orun.core.OrunException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * One run as a {@link RunRecords} lists it: its metadata (counts may lag the live state a little
 * while it runs) and whether a recorded {@code running} is still true.
 *
 * <p>Made by {@link RunRecords} implementations; read by the CLI. Immutable, any thread.
 *
 * @param abandoned the run is recorded {@code running} (or {@code pending}: a background run
 *                  still starting), but the process that ran it is gone (the file backend checks
 *                  this host only; a run on another host counts as alive)
 */
public record RunSummary(String execId, RunMetadata metadata, boolean abandoned) {

    public Status status() {
        return metadata.status();
    }

    /** True while the run may still change: not ended, and its process is alive. */
    public boolean inProgress() {
        return metadata.status() != null && !metadata.status().isTerminal() && !abandoned;
    }

    /**
     * The exit code {@code orun run} ended this run with, for {@code orun status} to pass on: 0
     * succeeded, 1 failed, 130 cancelled or abandoned by its process; empty while it is in progress.
     */
    public OptionalInt exitCode() {
        if (inProgress()) {
            return OptionalInt.empty();
        }
        if (abandoned || status() == Status.CANCELLED) {
            return OptionalInt.of(OrunException.EXIT_INTERRUPTED);
        }
        return OptionalInt.of(status() == Status.SUCCEEDED ? 0 : OrunException.EXIT_FAILURE);
    }

    public Instant startedAt() {
        return metadata.startedAt();
    }

    public Duration duration(Instant now) {
        return metadata.duration(now);
    }

    public JobCounts jobs() {
        return metadata.jobs();
    }
}
