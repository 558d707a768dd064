package dev.orun.exec.internal.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The writer's side of {@code journal.jsonl}: one appended line per transition, no temp file, no
 * rename, no fsync — O(1) per transition whatever the run's size. Appends happen only under the
 * run's {@link JournalLock}, after the caller caught up with the lines others appended, so a
 * decision (a claim, a fencing check) is made on the whole journal. The records survive a crash of
 * orun, not of the machine. A line torn by a crash (no newline at the end of the file, found while
 * holding the lock, so no one is writing it) is cut off before the next append.
 */
public final class Journal implements AutoCloseable {

    private final Path file;
    private final JournalLock lock;
    private FileChannel channel;

    public Journal(Path file, Path lockFile) {
        this.file = file;
        this.lock = JournalLock.acquire(lockFile);
    }

    public Path file() {
        return file;
    }

    public JournalLock.Held lock() {
        return lock.lock();
    }

    /**
     * Appends entries; call while holding {@link #lock()} and after {@code tail} caught up with
     * every line (then moved past the new ones, which the caller applies itself).
     */
    public void append(JournalTail tail, List<JournalEntry> entries) {
        byte[][] lines = new byte[entries.size()][];
        int total = 0;
        for (int i = 0; i < lines.length; i++) {
            byte[] json = RecordsJson.compact(entries.get(i));
            lines[i] = new byte[json.length + 1];
            System.arraycopy(json, 0, lines[i], 0, json.length);
            lines[i][json.length] = '\n';
            total += lines[i].length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(total);
        for (byte[] line : lines) {
            buffer.put(line);
        }
        buffer.flip();
        try {
            FileChannel out = channel();
            long size = out.size();
            if (size > tail.offset()) {
                cutTornLine(tail, out, size);
            }
            while (buffer.hasRemaining()) {
                out.write(buffer, tail.offset() + (total - buffer.remaining()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + IoReasons.of(e), e);
        }
        tail.skip(total, lines.length);
    }

    /** Cuts a crashed writer's unfinished last line; anything more means the caller did not catch up. */
    private void cutTornLine(JournalTail tail, FileChannel out, long size) throws IOException {
        ByteBuffer rest = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE, size - tail.offset()));
        out.read(rest, tail.offset());
        for (int i = 0; i < rest.position(); i++) {
            if (rest.get(i) == '\n') {
                throw new IllegalStateException("append to " + file + " without reading what others appended");
            }
        }
        out.truncate(tail.offset());
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        }
        return channel;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing is buffered: every append was written through
        } finally {
            lock.release();
        }
    }
}
