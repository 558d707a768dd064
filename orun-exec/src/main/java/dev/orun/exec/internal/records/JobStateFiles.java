package dev.orun.exec.internal.records;

import dev.orun.core.state.JobState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The per-job files {@code jobs/<job>.json}: one small JSON document per job, replaced atomically
 * on each of its transitions, so a transition costs the same whatever the size of the run. Scans
 * remember each file's identity (inode, modification time, size) and re-parse only files that
 * changed since — every atomic replace creates a new inode, so a change is never missed.
 */
public final class JobStateFiles {

    private record Seen(Object fileKey, long modified, long size) {
        static Seen of(BasicFileAttributes attrs) {
            return new Seen(attrs.fileKey(), attrs.lastModifiedTime().toMillis(), attrs.size());
        }
    }

    private final ExecutionLayout layout;
    private final Map<Path, Seen> seen = new HashMap<>();

    public JobStateFiles(ExecutionLayout layout) {
        this.layout = layout;
    }

    /** Writes a job's state atomically and remembers the file as already seen. */
    public void write(JobState state) {
        Path file = layout.jobFile(state.jobId());
        AtomicFiles.write(file, RecordsJson.compact(state));
        try {
            Seen now = Seen.of(Files.readAttributes(file, BasicFileAttributes.class));
            synchronized (seen) {
                seen.put(file, now);
            }
        } catch (IOException e) {
            // unseen: the next scan re-reads our own file, which is correct, just slower
        }
    }

    /** Reads one job's file straight from disk, bypassing the scan cache. */
    public Optional<JobState> readFresh(String jobId) {
        Path file = layout.jobFile(jobId);
        try {
            return RecordsJson.read(file, JobState.class);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /**
     * Calls {@code changed} with every job file that is new or changed since the last scan (or
     * every file, on the first scan). Each file is checked and read while holding
     * {@code monitorFor(file)} — the monitor the writer of that job holds around {@link #write} —
     * so a scan never applies an older version of a job over a newer one written meanwhile.
     * Unreadable files are skipped: a file is only ever replaced whole, so a parse failure means
     * damage from outside, and the compacted state stands in.
     */
    public void scanChanged(Function<Path, Object> monitorFor, BiConsumer<Path, JobState> changed) {
        Path dir = layout.jobsDir();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".")) {
                    synchronized (monitorFor.apply(file)) {
                        readIfChanged(file).ifPresent(state -> changed.accept(file, state));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private Optional<JobState> readIfChanged(Path file) {
        try {
            Seen now = Seen.of(Files.readAttributes(file, BasicFileAttributes.class));
            synchronized (seen) {
                if (now.equals(seen.get(file))) {
                    return Optional.empty();
                }
            }
            Optional<JobState> state = RecordsJson.read(file, JobState.class)
                    .filter(parsed -> parsed.jobId() != null && parsed.status() != null);
            if (state.isPresent()) {
                synchronized (seen) {
                    seen.put(file, now);
                }
            }
            return state;
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
