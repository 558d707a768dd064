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
 * in its own namespaces (through the run's {@link StepSandbox}), where the kernel does that.
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
    private final StepSandbox sandbox;

    /**
     * @param sandbox runs steps inside the job's overlay when {@link JobContext#overlay()} is set
     */
    LocalJobSession(JobContext job, Map<String, String> hostEnvironment, Executables programs,
                    StepSandbox sandbox) {
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
        Map<String, String> env = new java.util.HashMap<>(hostEnvironment);
        env.putAll(request.environment());
        String trackingId = ProcessTrees.newTrackingId();
        env.put(ProcessTrees.TRACKING_VARIABLE, trackingId);
        RunningStep started;
        try {
            started = overlay == null ? startPlain(shell.command(), request.workingDirectory(), env, trackingId)
                    : sandbox.start(shell.command(), request.workingDirectory(), overlay, env);
        } catch (IOException e) {
            shell.cleanUp();
            return StepResult.notRun("cannot start " + shell.command().get(0) + ": " + e.getMessage());
        }
        try {
            return run(started, request);
        } finally {
            started.release();
            shell.cleanUp();
        }
    }

    private static RunningStep startPlain(List<String> command, Path directory, Map<String, String> env,
                                          String trackingId) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        builder.environment().clear();
        builder.environment().putAll(env);
        return new ProcessStep(builder.start(), trackingId, false);
    }

    private StepResult run(RunningStep step, StepRequest request) throws InterruptedException {
        Future<?> pump = PUMPS.submit(() -> copy(step, request.output()));
        try {
            long timeout = request.timeout() == null ? -1 : request.timeout().toMillis();
            if (!step.waitFor(timeout)) {
                step.destroyTree();
                awaitPump(pump, step);
                return StepResult.timedOut("timed out after " + request.timeout());
            }
            step.stopLeftovers();
            awaitPump(pump, step);
            int exitCode = step.exitValue();
            if (exitCode == KILLED_BY_SIGINT || exitCode == KILLED_BY_SIGTERM) {
                awaitCancellation();
            }
            return StepResult.exited(exitCode);
        } catch (InterruptedException e) {
            step.destroyTree();
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
    private static void awaitPump(Future<?> pump, RunningStep step) throws InterruptedException {
        try {
            pump.get(LEFTOVER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            step.destroyTree();
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

    private static void copy(RunningStep step, OutputStream out) {
        byte[] buffer = new byte[8192];
        try (InputStream in = step.output()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        } catch (IOException ignored) {
            // the process's pipe closed under us (killed); what was read is kept
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned: the step never connected its output
        }
    }

    @Override
    public void close() {
        // local steps leave nothing behind that belongs to the session
    }
}
