package dev.orun.exec.internal.records;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive OS file locks between processes, with a JVM-wide guard in front. The guard matters:
 * POSIX locks belong to the process, and closing <em>any</em> descriptor of a file drops all of the
 * process's locks on it — so a second user in the same JVM must not even open a file another user
 * has locked. Two backends in one JVM therefore see each other's locks through the guard, and
 * other processes see them through the OS. A lock dies with its process, which is what makes a
 * crashed owner's job claimable again.
 */
public final class FileLocks {

    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private FileLocks() {
    }

    /** The lock, or empty when this JVM or another process holds it. */
    public static Optional<Held> tryLock(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD_IN_THIS_JVM.add(key)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = openCreating(key);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_IN_THIS_JVM.remove(key);
                return Optional.empty();
            }
            return Optional.of(new Held(key, channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            HELD_IN_THIS_JVM.remove(key);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    /** Waits until the lock is free, then takes it. */
    public static Held lock(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        while (!HELD_IN_THIS_JVM.add(key)) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + key, e);
            }
        }
        FileChannel channel = null;
        try {
            channel = openCreating(key);
            return new Held(key, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD_IN_THIS_JVM.remove(key);
            throw e;
        }
    }

    private static FileChannel openCreating(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
    }

    /** A held lock; closing it releases the lock and the JVM-wide guard. */
    public static final class Held implements AutoCloseable {
        private final Path key;
        private final FileChannel channel;
        private final FileLock lock;

        private Held(Path key, FileChannel channel, FileLock lock) {
            this.key = key;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
                channel.close();
            } catch (IOException ignored) {
                // the descriptor is gone either way, and with it the OS lock
            } finally {
                HELD_IN_THIS_JVM.remove(key);
            }
        }
    }
}
