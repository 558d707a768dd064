package dev.orun.core.state;

/**
 * Bytes of a step log read from an offset by {@link RunRecords#readLog}.
 *
 * <p>Made by {@link RunRecords} implementations; read by log followers (the CLI's
 * {@code logs --follow}), on the caller's thread. {@code bytes} must not be modified.
 *
 * @param bytes      the raw bytes from {@code offset} on (possibly empty)
 * @param offset     where they start
 * @param nextOffset where the next read should start
 * @param restarted  the log is shorter than the requested offset (the step ran again, or was
 *                   reset): {@code bytes} start at 0
 */
public record LogChunk(byte[] bytes, long offset, long nextOffset, boolean restarted) {

    public static LogChunk empty(long offset) {
        return new LogChunk(new byte[0], offset, offset, false);
    }
}
