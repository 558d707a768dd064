package dev.orun.exec.internal.records;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code journal.jsonl} incrementally: each call returns the complete lines appended since
 * the previous one, so following a run costs what was appended, not the journal's size. A last
 * line without its newline is not consumed — it is either still being written or was torn by a
 * crash (and is then cut off by the next writer, see {@link Journal}). A complete line that is not
 * a journal record means damage from outside: an error naming the file and the line.
 * Not thread-safe.
 */
public final class JournalTail {

    private static final int CHUNK = 256 * 1024;

    private final Path file;
    private long offset;
    private long line;
    private byte[] carry = new byte[0];

    public JournalTail(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    /** The byte offset just after the last complete line read. */
    public long offset() {
        return offset;
    }

    /** Moves past bytes this process appended itself (it applied their entries already). */
    void skip(long bytes, int lines) {
        offset += bytes;
        line += lines;
    }

    /** The current size of the journal file (0 when it does not exist). */
    public long size() {
        try {
            return java.nio.file.Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The complete lines appended since the last call, parsed. */
    public List<JournalEntry> readNew() {
        List<JournalEntry> entries = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < offset) {
                throw damaged("it is shorter than what was read from it before (" + size + " < " + offset
                        + " bytes)");
            }
            long position = offset;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, size - offset)));
            while (position < size) {
                buffer.clear();
                int read = channel.read(buffer, position);
                if (read <= 0) {
                    break;
                }
                position += read;
                consume(buffer.array(), read, entries);
            }
        } catch (NoSuchFileException e) {
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            carry = new byte[0]; // an unfinished last line is read again, whole, next time
        }
        return entries;
    }

    private void consume(byte[] bytes, int length, List<JournalEntry> entries) {
        byte[] data = bytes;
        int end = length;
        if (carry.length > 0) {
            data = new byte[carry.length + length];
            System.arraycopy(carry, 0, data, 0, carry.length);
            System.arraycopy(bytes, 0, data, carry.length, length);
            end = data.length;
        }
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (data[i] == '\n') {
                parse(data, start, i - start, entries);
                offset += i + 1 - start;
                line++;
                start = i + 1;
            }
        }
        carry = java.util.Arrays.copyOfRange(data, start, end);
    }

    private void parse(byte[] data, int start, int length, List<JournalEntry> entries) {
        if (length == 0) {
            return;
        }
        try {
            entries.add(JournalLineReader.read(data, start, length));
        } catch (IOException e) {
            throw damaged("line " + (line + 1) + " is not a journal record ("
                    + RecordsJson.reason(e) + ")");
        }
    }

    private InvalidInputException damaged(String why) {
        return new InvalidInputException(file + ": " + why + "; the run's records are damaged: start a new"
                + " --exec-id (or remove the damaged line to keep what is recorded before it)");
    }
}
