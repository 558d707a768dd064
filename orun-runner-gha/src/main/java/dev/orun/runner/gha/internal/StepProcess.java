package dev.orun.runner.gha.internal;

import dev.orun.runner.local.ProcessTrees;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one process of a step (a shell script, {@code node}, …) with exactly the given
 * environment, handing each output line (stdout and stderr interleaved) to a consumer, which
 * interprets workflow commands. The process tree is tracked and stopped with orun-runner-local's
 * {@link ProcessTrees}, on timeout, cancellation, or when leftovers hold the output open.
 */
final class StepProcess {

    private static final long LEFTOVER_GRACE_MILLIS = 1000;
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "orun-gha-output");
        thread.setDaemon(true);
        return thread;
    });

    /** How the process ended: its exit code, or that the time limit stopped it. */
    record Outcome(int exitCode, boolean timedOut, String error) {
    }

    private StepProcess() {
    }

    static Outcome run(List<String> command, Path directory, Map<String, String> environment,
                       Duration timeout, Consumer<byte[]> lines) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment);
        String trackingId = ProcessTrees.newTrackingId();
        env.put(ProcessTrees.TRACKING_VARIABLE, trackingId);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(-1, false, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        Future<?> pump = PUMPS.submit(() -> pump(process.getInputStream(), lines));
        try {
            boolean exited = timeout == null ? waitFully(process)
                    : process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                ProcessTrees.destroyTree(process, trackingId);
                awaitPump(pump, process, trackingId);
                return new Outcome(-1, true, "timed out after " + timeout);
            }
            awaitPump(pump, process, trackingId);
            return new Outcome(process.exitValue(), false, null);
        } catch (InterruptedException e) {
            ProcessTrees.destroyTree(process, trackingId);
            pump.cancel(true);
            throw e;
        }
    }

    private static boolean waitFully(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void awaitPump(Future<?> pump, Process process, String trackingId)
            throws InterruptedException {
        try {
            pump.get(LEFTOVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ProcessTrees.destroyTree(process, trackingId);
            try {
                pump.get(ProcessTrees.GRACE_MILLIS * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                pump.cancel(true);
            }
        } catch (ExecutionException e) {
            // the pump only fails when the consumer does; the step's result stands
        }
    }

    /**
     * Splits the output into lines, each handed over as its raw bytes with its {@code \n} (a
     * last unterminated line without one), so bytes that are not commands pass through unchanged.
     */
    private static void pump(InputStream in, Consumer<byte[]> lines) {
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        line.write(buffer, start, i - start + 1);
                        emit(line, lines);
                        start = i + 1;
                    }
                }
                line.write(buffer, start, n - start);
            }
        } catch (IOException ignored) {
            // the pipe closed under us (the process was killed); what was read is kept
        }
        if (line.size() > 0) {
            emit(line, lines);
        }
    }

    private static void emit(ByteArrayOutputStream line, Consumer<byte[]> lines) {
        byte[] bytes = line.toByteArray();
        line.reset();
        lines.accept(bytes);
    }
}
