package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where a step's output goes: the raw bytes to the step's log (opened on the first byte, so a
 * silent step leaves no log file), and each line to listeners as a
 * {@link ProgressEvent.StepOutput}, keeping the last few lines for the failure summary.
 */
public final class StepOutputSink extends OutputStream {

    public static final int TAIL_LINES = 10;
    private static final int MAX_LINE = 16 * 1024;

    private final Supplier<OutputStream> logOpener;
    private final ProgressListener listener;
    private final String jobId;
    private final String stepId;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private OutputStream log;
    private boolean logFailed;

    public StepOutputSink(Supplier<OutputStream> logOpener, ProgressListener listener, String jobId,
                          String stepId) {
        this.logOpener = logOpener;
        this.listener = listener;
        this.jobId = jobId;
        this.stepId = stepId;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        writeLog(bytes, offset, length);
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                appendLine(bytes, start, i - start);
                emitLine();
                start = i + 1;
            }
        }
        appendLine(bytes, start, offset + length - start);
        if (line.size() >= MAX_LINE) {
            emitLine();
        }
    }

    private void appendLine(byte[] bytes, int start, int length) {
        line.write(bytes, start, length);
    }

    private void writeLog(byte[] bytes, int offset, int length) {
        if (logFailed) {
            return;
        }
        try {
            if (log == null) {
                log = logOpener.get();
            }
            log.write(bytes, offset, length);
        } catch (IOException | UncheckedIOException e) {
            // A full disk must not fail the step; the output still reaches the console.
            logFailed = true;
        }
    }

    private void emitLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        listener.onEvent(new ProgressEvent.StepOutput(Instant.now(), jobId, stepId, text));
    }

    /** Starts a new attempt: the failure summary shows only the last attempt's lines. */
    public synchronized void newAttempt() {
        flushLine();
        tail.clear();
    }

    public synchronized List<String> tail() {
        return new ArrayList<>(tail);
    }

    private void flushLine() {
        if (line.size() > 0) {
            emitLine();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (log != null && !logFailed) {
            log.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        flushLine();
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                logFailed = true;
            }
        }
    }
}
