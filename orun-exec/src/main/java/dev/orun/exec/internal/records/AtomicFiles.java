package dev.orun.exec.internal.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the new one, never a partial file:
 * the bytes go to a temporary file in the same directory, which is then renamed over the target
 * with {@code ATOMIC_MOVE}. No fsync: the records survive a crash of orun, not of the machine, and
 * a sync per transition would dominate the cost of a 5000-job run.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            temp = createTemp(dir, target);
            Files.write(temp, bytes);
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + IoReasons.of(e), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless and never read
                }
            }
        }
    }

    /** A hidden temp file next to the target; the directory is created only when missing. */
    private static Path createTemp(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        try {
            return Files.createTempFile(dir, prefix, ".tmp");
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, prefix, ".tmp");
        }
    }

    /** Renames atomically, replacing the target. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system does not support atomic renames in "
                    + target.getParent(), e);
        }
    }

    /** Opens a file for streaming output, emptied first; its directory is created when missing. */
    /**
     * Reads the whole text file, rewrites it and replaces it atomically; only when the text
     * changes. False when there is no such file or nothing changed.
     */
    public static boolean rewrite(Path file, java.util.function.UnaryOperator<String> rewrite) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            String rewritten = rewrite.apply(text);
            if (rewritten.equals(text)) {
                return false;
            }
            write(file, rewritten.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the log " + file + ": " + e.getMessage(), e);
        }
    }

    public static java.io.OutputStream openTruncating(Path file) {
        java.nio.file.OpenOption[] options = {java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE};
        try {
            try {
                return Files.newOutputStream(file, options);
            } catch (java.nio.file.NoSuchFileException e) {
                Files.createDirectories(file.getParent());
                return Files.newOutputStream(file, options);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** Deletes a directory and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + IoReasons.of(e), e);
        }
    }
}
