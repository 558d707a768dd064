package dev.orun.exec.internal.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock of a run's journal: a JVM-wide {@link ReentrantLock} in front of an OS lock
 * ({@link FileChannel#lock}) on {@code journal.lock}. Every append happens while holding it, so
 * claims are decided on the complete journal and lines never interleave. The lock file is opened
 * once per JVM and kept open while any backend of the run is open: POSIX locks belong to the
 * process and closing <em>any</em> descriptor of the file would drop them. On a file system that
 * refuses locks, only the JVM lock is taken (one process per run is then safe; several are not).
 */
public final class JournalLock {

    private static final Map<Path, JournalLock> OPEN = new HashMap<>();

    private final Path file;
    private final ReentrantLock jvm = new ReentrantLock();
    private FileChannel channel;
    private int users;

    private JournalLock(Path file) {
        this.file = file;
    }

    /** The lock of {@code file}, shared with every other user in this JVM until {@link #release}. */
    public static JournalLock acquire(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (OPEN) {
            JournalLock lock = OPEN.computeIfAbsent(key, JournalLock::new);
            lock.users++;
            return lock;
        }
    }

    /** A held lock; closing it lets the next holder in. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    public Held lock() {
        jvm.lock();
        try {
            FileLock os = osLock();
            return () -> {
                try {
                    if (os != null && os.isValid()) {
                        os.release();
                    }
                } catch (IOException ignored) {
                    // the lock goes with the descriptor anyway
                } finally {
                    jvm.unlock();
                }
            };
        } catch (RuntimeException e) {
            jvm.unlock();
            throw e;
        }
    }

    private FileLock osLock() {
        try {
            if (channel == null) {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            }
            return channel.lock();
        } catch (UnsupportedOperationException e) {
            return null;
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("not supported")) {
                return null;
            }
            throw new UncheckedIOException("cannot write " + file + ": " + IoReasons.of(e), e);
        }
    }

    /** This user is done; the file is closed when the last user in the JVM is. */
    public void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(file);
        }
        jvm.lock();
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing drops the lock, which is what we want
        } finally {
            jvm.unlock();
        }
    }
}
