package dev.orun.exec.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Streams the logs of a run: everything written so far, then — while the run is in progress —
 * whatever is appended, including logs of steps that start later, until the run ends (or its
 * process is found dead). Output arrives in chunks tagged with their entry, in log order within an
 * entry; the caller labels them.
 */
public final class LogFollower {

    /** Receives log bytes; {@code bytes} is only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void write(LogEntry entry, byte[] bytes, int offset, int length);
    }

    private final ExecutionRecords records;
    private final String execId;
    private final Predicate<LogEntry> filter;
    private final Duration poll;
    private final Map<Path, Long> offsets = new HashMap<>();

    public LogFollower(ExecutionRecords records, String execId, Predicate<LogEntry> filter, Duration poll) {
        this.records = records;
        this.execId = execId;
        this.filter = filter;
        this.poll = poll;
    }

    /** Writes all matching logs once, without waiting for more. */
    public Execution drainOnce(Sink sink) {
        Execution execution = records.load(execId);
        drain(execution.logs(), sink);
        return execution;
    }

    /** Writes matching logs until the run is over; returns the run as it ended. */
    public Execution follow(Sink sink) throws InterruptedException {
        while (true) {
            Execution execution = records.load(execId);
            boolean over = !execution.inProgress();
            drain(execution.logs(), sink);
            if (over) {
                return execution;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private void drain(List<LogEntry> entries, Sink sink) {
        for (LogEntry entry : entries) {
            if (filter.test(entry)) {
                drain(entry, sink);
            }
        }
    }

    private void drain(LogEntry entry, Sink sink) {
        long offset = offsets.getOrDefault(entry.file(), 0L);
        try (FileChannel channel = FileChannel.open(entry.file(), StandardOpenOption.READ)) {
            if (channel.size() < offset) {
                offset = 0; // the step re-ran and its log started over
            }
            channel.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            int read;
            while ((read = channel.read(buffer)) > 0) {
                sink.write(entry, buffer.array(), 0, read);
                offset += read;
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            offset = 0; // reset by --retry meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.file() + ": " + e.getMessage(), e);
        }
        offsets.put(entry.file(), offset);
    }
}
