package dev.orun.exec.internal.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Runs a records write, turning an I/O failure into a one-line error naming the path. */
public final class RecordsWrites {

    private RecordsWrites() {
    }

    /** A write that may fail with an {@link IOException}. */
    public interface IoAction {
        void run() throws IOException;
    }

    public static void run(Path path, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + IoReasons.of(e), e);
        }
    }

    public static void atomic(Path file, byte[] bytes) {
        AtomicFiles.write(file, bytes);
    }
}
