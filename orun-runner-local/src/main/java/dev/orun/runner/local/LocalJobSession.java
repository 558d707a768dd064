package dev.orun.runner.local;

import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.runner.WorkspaceOverlay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * ({@link ProcessTrees}); when the step's shell exits — success or failure — whatever it started
 * in the background and left running is stopped too (found by the step's tracking id), so
 * nothing a step started outlives it. When the job has a {@link WorkspaceOverlay} the step runs
 * in its own namespaces ({@link NamespaceSandbox}), where the kernel does that.
 */
final class LocalJobSession implements JobSession {

    private static final long LEFTOVER_GRACE_MILLIS = 1000;
    private static final long CANCELLATION_WINDOW_MILLIS = 500;
    private static final int KILLED_BY_SIGINT = 128 + 2;
    private static final int KILLED_BY_SIGTERM = 128 + 15;
    private static final java.io.File DEV_NULL = new java.io.File("/dev/null");
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "orun-output");
        thread.setDaemon(true);
        return thread;
    });

    private final JobContext job;
    private final Map<String, String> hostEnvironment;
    private final Executables programs;
    private final NamespaceSandbox sandbox;

    /**
     * @param sandbox runs steps inside the job's overlay when {@link JobContext#overlay()} is set
     */
    LocalJobSession(JobContext job, Map<String, String> hostEnvironment, Executables programs,
                    NamespaceSandbox sandbox) {
        this.job = job;
        this.hostEnvironment = hostEnvironment;
        this.programs = programs;
        this.sandbox = sandbox;
    }

    @Override
    public StepResult runStep(StepRequest request) throws InterruptedException {
        Step step = request.step();
        if (step.isAction()) {
            return StepResult.notRun("step uses a GitHub Action (use: " + step.use()
                    + "), which the local runner cannot run; rerun with --gha or --runner "
                    + "github-actions");
        }
        WorkspaceOverlay overlay = job.overlay();
        if (overlay == null && !Files.isDirectory(request.workingDirectory())) {
            return StepResult.notRun("working directory " + request.workingDirectory()
                    + " does not exist");
        }
        ShellCommand shell;
        try {
            shell = ShellCommand.of(step, programs);
        } catch (IllegalArgumentException | IOException e) {
            return StepResult.notRun(e.getMessage());
        }
        try {
            if (overlay == null) {
                return run(shell.command(), request.workingDirectory(), false, request);
            }
            List<String> wrapped = sandbox.wrap(shell.command(), request.workingDirectory(), overlay);
            return run(wrapped, overlay.root(), true, request);
        } finally {
            shell.cleanUp();
        }
    }

    /**
     * @param sandboxed the command runs in its own PID namespace, which the kernel empties when
     *                  the command ends, so there are no leftovers to look for
     */
    private StepResult run(List<String> command, Path directory, boolean sandboxed,
                           StepRequest request) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
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
            if (!sandboxed) {
                ProcessTrees.stopLeftovers(process, trackingId);
            }
            awaitPump(pump, process, trackingId);
            int exitCode = process.exitValue();
            if (exitCode == KILLED_BY_SIGINT || exitCode == KILLED_BY_SIGTERM) {
                awaitCancellation();
            }
            return StepResult.exited(exitCode);
        } catch (InterruptedException e) {
            ProcessTrees.destroyTree(process, trackingId);
            awaitPumpUninterruptibly(pump);
            throw e;
        }
    }

    /**
     * A terminal's Ctrl-C reaches the step (same process group) at the moment it reaches orun, so
     * the step may die of it just before the engine cancels the run. Give the cancellation a
     * moment to arrive, so the job is recorded {@code cancelled} rather than {@code failed}.
     */
    private static void awaitCancellation() throws InterruptedException {
        Thread.sleep(CANCELLATION_WINDOW_MILLIS);
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
