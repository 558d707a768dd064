package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived container serving a job: created and started once with a do-nothing keep-alive
 * process, every step then runs in it through {@code exec}, so files and installed tools a step
 * leaves behind are there for the next step.
 *
 * <p>Time limits: the engine cannot kill a single exec, and the tools to find and kill a process
 * tree may be missing from the image, so a step that runs over its limit stops the whole
 * container ({@code kill}, SIGKILL to every process in it). The container's file system survives;
 * it is started again before the job's next step (a post or cleanup step, for example), without
 * the background processes earlier steps had started.
 */
final class JobContainer {

    private static final System.Logger LOG = System.getLogger(JobContainer.class.getName());

    /** PID 1: sleeps forever, and exits at once on SIGTERM (a plain shell as PID 1 ignores it). */
    private static final String KEEP_ALIVE = "trap 'exit 0' TERM; while :; do sleep 3600 & wait $!; done";
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final DockerClient docker;
    private final String id;
    private final String name;
    private final String image;
    private final Optional<String> user;
    private volatile boolean stopped;
    private volatile boolean removed;

    private JobContainer(DockerClient docker, String id, String name, String image, Optional<String> user) {
        this.docker = docker;
        this.id = id;
        this.name = name;
        this.image = image;
        this.user = user;
    }

    /** Creates and starts the container; on a failed start nothing is left behind. */
    static JobContainer start(DockerClient docker, String image, String name, Map<String, String> labels,
                              WorkspaceMount workspace, Optional<String> user) {
        return start(docker, image, name, labels, workspace, null, user);
    }

    /**
     * @param overlay the job's overlay volume, mounted at {@code /workspace} in place of the
     *                workspace bind mount (with {@code /workspace/.orun} hidden), or {@code null}
     */
    static JobContainer start(DockerClient docker, String image, String name, Map<String, String> labels,
                              WorkspaceMount workspace, OverlayVolume overlay, Optional<String> user) {
        HostConfig host = HostConfig.newHostConfig();
        if (overlay == null) {
            host.withBinds(new Bind(workspace.hostRoot().toString(), new Volume(WorkspaceMount.CONTAINER_PATH)));
        } else {
            host.withBinds(new Bind(overlay.name(), new Volume(WorkspaceMount.CONTAINER_PATH)))
                    .withTmpFs(Map.of(WorkspaceMount.CONTAINER_PATH + "/.orun", "ro,size=4k,mode=555"));
        }
        CreateContainerCmd create = docker.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEntrypoint("sh", "-c", KEEP_ALIVE)
                .withCmd(List.of())
                .withEnv(List.of())
                .withWorkingDir(WorkspaceMount.CONTAINER_PATH)
                .withHostConfig(host);
        user.ifPresent(create::withUser);
        String id = create.exec().getId();
        JobContainer container = new JobContainer(docker, id, name, image, user);
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            container.remove();
            throw e;
        }
        return container;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String image() {
        return image;
    }

    /**
     * Runs {@code sh -c script} with exactly {@code env} (on top of the image's own ENV) in
     * {@code workdir}, streaming its output. On timeout the container is killed and the outcome
     * says so.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the caller removes the container
     */
    ExecOutcome exec(String script, List<String> env, String workdir, OutputStream output, Duration timeout)
            throws InterruptedException {
        restartIfStopped();
        var create = docker.execCreateCmd(id)
                .withCmd("sh", "-c", script)
                .withEnv(env)
                .withWorkingDir(workdir)
                .withAttachStdin(false)
                .withAttachStdout(true)
                .withAttachStderr(true);
        user.ifPresent(create::withUser);
        String execId = create.exec().getId();
        OutputForwarder forwarder = docker.execStartCmd(execId).withDetach(false).withTty(false)
                .exec(new OutputForwarder(output));
        boolean finished;
        try {
            finished = timeout == null ? awaitForever(forwarder)
                    : forwarder.awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            closeQuietly(forwarder);
            throw e;
        }
        if (!finished) {
            kill();
            closeQuietly(forwarder);
            forwarder.flush();
            return new ExecOutcome(-1, true);
        }
        forwarder.flush();
        return new ExecOutcome(exitCode(execId), false);
    }

    private static boolean awaitForever(OutputForwarder forwarder) throws InterruptedException {
        forwarder.awaitCompletion();
        return true;
    }

    /** The exec's exit code; the stream ends as the process exits, the engine may record it a moment later. */
    private int exitCode(String execId) throws InterruptedException {
        for (int attempt = 0; attempt < 500; attempt++) {
            InspectExecResponse exec = docker.inspectExecCmd(execId).exec();
            if (!Boolean.TRUE.equals(exec.isRunning()) && exec.getExitCodeLong() != null) {
                return exec.getExitCodeLong().intValue();
            }
            Thread.sleep(10);
        }
        throw new DockerException("exec " + execId + " in container " + name + " did not report an exit code", 500);
    }

    /** SIGKILL to every process in the container, then wait until the engine sees it stopped. */
    void kill() throws InterruptedException {
        stopped = true;
        try {
            docker.killContainerCmd(id).exec();
        } catch (NotFoundException | ConflictException e) {
            return; // already gone or not running
        }
        try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            wait.awaitCompletion(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.io.IOException e) {
            // the wait stream is only a courtesy; the kill was delivered
            LOG.log(System.Logger.Level.DEBUG, "waiting for container " + id + " to stop", e);
        }
    }

    boolean isStopped() {
        return stopped;
    }

    private void restartIfStopped() {
        if (stopped) {
            docker.startContainerCmd(id).exec();
            stopped = false;
        }
    }

    /** Force-removes the container (and its anonymous volumes); idempotent. */
    void remove() {
        if (removed) {
            return;
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // someone removed it already
        } catch (ConflictException e) {
            if (e.getMessage() == null || !e.getMessage().contains("already in progress")) {
                throw e;
            }
        }
        removed = true;
    }

    /**
     * Removes the container and waits until the engine no longer lists it, so a process that exits
     * right after (a JVM shutting down on Ctrl-C) leaves nothing behind even when another thread's
     * removal is still in progress.
     */
    void removeAndWait(Duration limit) {
        // a cancelled job thread may still carry an interrupt that would abort the engine calls
        boolean interrupted = Thread.interrupted();
        try {
            removeUntilGone(limit);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeUntilGone(Duration limit) {
        if (removed) {
            return;
        }
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            removed = true;
            return;
        } catch (ConflictException e) {
            // a removal is already in progress: wait for it below
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                docker.inspectContainerCmd(id).exec();
            } catch (NotFoundException e) {
                removed = true;
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing the exec's stream is best effort; the container kill/removal is what stops the step
            LOG.log(System.Logger.Level.DEBUG, "closing an exec stream", e);
        }
    }
}
