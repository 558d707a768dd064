package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.runner.Masker;
import dev.orun.core.runner.OutputGroups;
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
 *
 * <p>While the job's {@link Masker} holds values, the log is written a line at a time, masked,
 * like the lines for listeners, so a masked value reaches neither the log, the console nor
 * {@code --json}. (A masked value split by the 16 KiB line cap is the one case that escapes.)
 * Lines written before a value was masked are masked again in the stored log when the step ends
 * ({@link #logNeedsMasking()}, {@code JobMasking}).
 */
public final class StepOutputSink extends OutputStream implements OutputGroups {

    public static final int TAIL_LINES = 10;
    private static final int MAX_LINE = 16 * 1024;

    private final Supplier<OutputStream> logOpener;
    private final ProgressListener listener;
    private final String jobId;
    private final String stepId;
    private final Masker masker;
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private OutputStream log;
    /** How many bytes of the buffered line were already written to the log, raw (no mask then). */
    private int loggedBytes;
    private boolean logFailed;
    /** The fewest masked values any log write was masked with; MAX_VALUE while nothing was written. */
    private int loggedGeneration = Integer.MAX_VALUE;

    public StepOutputSink(Supplier<OutputStream> logOpener, ProgressListener listener, String jobId,
                          String stepId) {
        this(logOpener, listener, jobId, stepId, new Masker());
    }

    public StepOutputSink(Supplier<OutputStream> logOpener, ProgressListener listener, String jobId,
                          String stepId, Masker masker) {
        this.masker = masker;
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
        boolean raw = masker.isEmpty();
        if (raw) {
            writeLog(bytes, offset, length);
        }
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                appendLine(bytes, start, i - start + 1, raw);
                emitLine();
                start = i + 1;
            }
        }
        appendLine(bytes, start, offset + length - start, raw);
        if (line.size() >= MAX_LINE) {
            emitLine();
        }
    }

    private void appendLine(byte[] bytes, int start, int length, boolean logged) {
        line.write(bytes, start, length);
        if (logged) {
            loggedBytes = line.size();
        }
    }

    private void writeLog(byte[] bytes, int offset, int length) {
        if (logFailed) {
            return;
        }
        try {
            if (log == null) {
                log = logOpener.get();
            }
            loggedGeneration = Math.min(loggedGeneration, masker.generation());
            log.write(bytes, offset, length);
        } catch (IOException | UncheckedIOException e) {
            // A full disk must not fail the step; the output still reaches the console.
            logFailed = true;
        }
    }

    /**
     * Hands the buffered line (with its terminator, if any) to listeners, masked, and writes to
     * the log the part of it that was not written raw before a mask existed.
     */
    private void emitLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        int logged = loggedBytes;
        loggedBytes = 0;
        if (logged < bytes.length) {
            byte[] rest = masker.mask(new String(bytes, logged, bytes.length - logged,
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            writeLog(rest, 0, rest.length);
        }
        String text = masker.mask(new String(bytes, StandardCharsets.UTF_8));
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        tail.addLast(text);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
        listener.onEvent(new ProgressEvent.StepOutput(Instant.now(), jobId, stepId, text));
    }

    /** Tells listeners a group starts; lines written before it are handed over first. */
    @Override
    public synchronized void groupStarted(String title) {
        flushLine();
        listener.onEvent(new ProgressEvent.OutputGroup(Instant.now(), jobId, stepId,
                masker.mask(title), true));
    }

    @Override
    public synchronized void groupEnded() {
        flushLine();
        listener.onEvent(new ProgressEvent.OutputGroup(Instant.now(), jobId, stepId, null, false));
    }

    /** Starts a new attempt: the failure summary shows only the last attempt's lines. */
    public synchronized void newAttempt() {
        flushLine();
        tail.clear();
    }

    /** The last lines, masked with every value masked by now (some may have been added since). */
    public synchronized List<String> tail() {
        List<String> lines = new ArrayList<>(tail.size());
        tail.forEach(text -> lines.add(masker.mask(text)));
        return lines;
    }

    /** Whether anything was written to the step's log. */
    public synchronized boolean hasLog() {
        return log != null;
    }

    /**
     * Whether the stored log may hold a value masked only after it was written (a value printed
     * before its {@code ::add-mask::}), so it must be masked again once the sink is closed.
     */
    public synchronized boolean logNeedsMasking() {
        return loggedGeneration < masker.generation();
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
