package dev.orun.exec.internal.records;

import java.nio.file.Path;

/** Writes one compacted file ({@code state.json}, {@code metadata.json}) whole; atomically in production. */
@FunctionalInterface
public interface SnapshotWrites {
    void write(Path file, byte[] bytes);
}
