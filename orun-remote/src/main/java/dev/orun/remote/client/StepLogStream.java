package dev.orun.remote.client;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A step's output on its way to the server: buffered up to 64 KiB, then handed to the
 * {@link LogShipper} (which sends in the background and never blocks the step), with the step's
 * {@code === step ===} header in front of each piece.
 */
final class StepLogStream extends OutputStream {
    private static final int FLUSH_BYTES = 64 * 1024;

    private final LogShipper logs;
    private final String jobId;
    private final String header;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    StepLogStream(LogShipper logs, String jobId, String stepId) {
        this.logs = logs;
        this.jobId = jobId;
        this.header = "=== " + stepId + " ===\n";
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        if (buffer.size() >= FLUSH_BYTES) {
            ship();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        if (buffer.size() >= FLUSH_BYTES) {
            ship();
        }
    }

    @Override
    public synchronized void close() {
        ship();
    }

    private void ship() {
        if (buffer.size() > 0) {
            logs.offer(jobId, header + buffer.toString(StandardCharsets.UTF_8));
            buffer.reset();
        }
    }
}
