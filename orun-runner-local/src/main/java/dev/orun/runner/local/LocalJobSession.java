package dev.orun.runner.local;

import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one job's steps as local processes. The step's environment is the host environment with
 * the request's variables on top. Output (stdout and stderr interleaved) is copied to the request's
 * sink by a pooled pump thread while the job thread waits, interruptibly, for the process.
 *
 * <p>A step owns its process tree: on timeout or cancellation the whole tree is stopped
 * ({@link ProcessTrees}); and when the step's shell has exited but something it started in the
 * background still holds the output pipe open after a short grace period, those leftovers
 * are stopped too (found by the step's tracking id), so a step never hangs on an orphan.
 */
final class LocalJobSession implements JobSession {

    private static final long LEFTOVER_GRACE_MILLIS = 1000;
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "orun-output");
        thread.setDaemon(true);
        return thread;
    });

    private final JobContext job;
    private final Map<String, String> hostEnvironment;

    LocalJobSession(JobContext job, Map<String, String> hostEnvironment) {
        this.job = job;
        this.hostEnvironment = hostEnvironment;
    }

    @Override
    public StepResult runStep(StepRequest request) throws InterruptedException {
        Step step = request.step();
        if (step.isAction()) {
            return StepResult.notRun("step uses a GitHub Action (use: " + step.use()
                    + "), which the local runner cannot run; rerun with --gha or --runner "
                    + "github-actions");
        }
        if (!Files.isDirectory(request.workingDirectory())) {
            return StepResult.notRun("working directory " + request.workingDirectory()
                    + " does not exist");
        }
        ShellCommand shell;
        try {
            shell = ShellCommand.of(step);
        } catch (IllegalArgumentException | IOException e) {
            return StepResult.notRun(e.getMessage());
        }
        try {
            return run(shell.command(), request);
        } finally {
            shell.cleanUp();
        }
    }

    private StepResult run(List<String> command, StepRequest request) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(request.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(hostEnvironment);
        env.putAll(request.environment());
        String trackingId = ProcessTrees.newTrackingId();
        env.put(ProcessTrees.TRACKING_VARIABLE, trackingId);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return StepResult.notRun("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        Future<?> pump = PUMPS.submit(() -> copy(process.getInputStream(), request.output()));
        try {
            boolean exited;
            if (request.timeout() == null) {
                process.waitFor();
                exited = true;
            } else {
                exited = process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!exited) {
                ProcessTrees.destroyTree(process, trackingId);
                awaitPump(pump, process, trackingId);
                return StepResult.timedOut("timed out after " + request.timeout());
            }
            awaitPump(pump, process, trackingId);
            return StepResult.exited(process.exitValue());
        } catch (InterruptedException e) {
            ProcessTrees.destroyTree(process, trackingId);
            awaitPumpUninterruptibly(pump);
            throw e;
        }
    }

    /** Waits for the output to end; stops the step's leftovers if it does not. */
    private static void awaitPump(Future<?> pump, Process process, String trackingId)
            throws InterruptedException {
        try {
            pump.get(LEFTOVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ProcessTrees.destroyTree(process, trackingId);
            awaitPumpUninterruptibly(pump);
        } catch (ExecutionException e) {
            // the pump swallows I/O errors; nothing else can fail there
        }
    }

    private static void awaitPumpUninterruptibly(Future<?> pump) {
        boolean interrupted = false;
        try {
            pump.get(ProcessTrees.GRACE_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            pump.cancel(true);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException ignored) {
            // the process's pipe closed under us (killed); what was read is kept
        }
    }

    @Override
    public void close() {
        // local steps leave nothing behind that belongs to the session
    }
}
