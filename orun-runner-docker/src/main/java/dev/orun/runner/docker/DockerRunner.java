package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each job in its own long-lived container (see {@link JobContainer}) on the engine
 * {@link EngineDiscovery} finds, with the job's workspace bind-mounted at {@code /workspace}.
 * Thread-safe: jobs start from several threads at once.
 */
public final class DockerRunner implements Runner {

    private static final System.Logger LOG = System.getLogger(DockerRunner.class.getName());

    public static final String NAME = "docker";
    public static final String CONTEXT = "container";

    private final Map<String, String> hostEnv;
    private final DockerOptions options;
    private final ImageResolver images;
    private final Set<JobContainer> live = ConcurrentHashMap.newKeySet();
    private final Set<String> reapedExecIds = ConcurrentHashMap.newKeySet();
    private static final java.time.Duration REMOVAL_LIMIT = java.time.Duration.ofSeconds(20);

    private final Thread shutdownHook = new Thread(this::removeLive, "orun-docker-cleanup");
    private volatile DockerClient docker;
    private volatile ImageFetcher fetcher;
    private volatile boolean hookInstalled;

    public DockerRunner(RunnerSettings settings) {
        this.hostEnv = settings.hostEnvironment();
        this.options = DockerOptions.from(settings);
        this.images = new ImageResolver(options.defaultImage());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String context() {
        return CONTEXT;
    }

    public DockerOptions options() {
        return options;
    }

    ImageResolver images() {
        return images;
    }

    /** Finds the engine and pings it; fails with exit code 2 saying what was tried. */
    @Override
    public void checkAvailable() {
        client();
    }

    private synchronized DockerClient client() {
        if (docker == null) {
            EngineEndpoint endpoint = EngineDiscovery.fromEnvironment(hostEnv).discover();
            EngineConnection.ping(endpoint, hostEnv);
            DockerClient client = EngineConnection.open(endpoint, hostEnv);
            fetcher = new ImageFetcher(client, options.pull());
            docker = client;
        }
        return docker;
    }

    /** Lines in the dry-run's {@code key    value} layout; contacts nothing. */
    @Override
    public List<String> describe(JobContext job) {
        List<String> lines = new ArrayList<>();
        ImageChoice image = images.forJob(job.job());
        WorkspaceMount mount = new WorkspaceMount(job.workspace());
        lines.add(line("image", image.image() + " (" + image.reason() + "; pull " + options.pull().value() + ")"));
        if (job.overlay() == null) {
            lines.add(line("mount", mount.hostRoot() + " -> " + WorkspaceMount.CONTAINER_PATH));
        } else {
            lines.add(line("mount", "overlay of " + mount.hostRoot() + " -> " + WorkspaceMount.CONTAINER_PATH
                    + " (writes go to " + job.overlay().upper() + "; .orun hidden)"));
        }
        String workdir = job.workingDirectory() == null ? WorkspaceMount.CONTAINER_PATH
                : mount.containerPath(job.workingDirectory())
                        .orElse("(outside the workspace: " + job.workingDirectory() + ")");
        lines.add(line("workdir", workdir));
        options.user().ifPresent(user -> lines.add(line("user", user)));
        for (Step step : job.job().steps()) {
            images.forStep(step).filter(own -> !own.image().equals(image.image()))
                    .ifPresent(own -> lines.add(line("step", step.id() + " in " + own.image() + " (own container)")));
        }
        return lines;
    }

    private static String line(String key, String value) {
        return String.format("%-7s %s", key, value);
    }

    @Override
    public JobSession startJob(JobContext job) throws InterruptedException {
        client();
        reapOrphans(job.execId());
        WorkspaceMount mount = new WorkspaceMount(job.workspace());
        OverlayVolume volume = null;
        if (job.overlay() != null) {
            try {
                volume = OverlayVolume.create(docker, job.overlay(), job.execId(), job.job().id());
            } catch (DockerException e) {
                throw new OrunException(OrunException.EXIT_FAILURE, "docker runner: cannot create the "
                        + "workspace overlay volume for job " + job.job().id() + ": "
                        + ImageFetcher.oneLine(e.getMessage()), e);
            }
        }
        try {
            JobContainer container = startContainer(job, images.forJob(job.job()).image(), mount, volume);
            return new DockerJobSession(this, job, mount, volume, container);
        } catch (RuntimeException | InterruptedException e) {
            if (volume != null) {
                volume.remove();
            }
            throw e;
        }
    }

    /**
     * The engine mounts the overlay itself (it runs as root), so the same guarantee holds in
     * containers as for local jobs with namespaces: the tree is the read-only lower layer.
     */
    @Override
    public java.util.Optional<String> overlayUnavailableReason(Path scratch) {
        return java.util.Optional.empty();
    }

    /** Pulls as the policy says, then creates and starts a labelled container for the job. */
    JobContainer startContainer(JobContext job, String image, WorkspaceMount mount, OverlayVolume volume)
            throws InterruptedException {
        fetcher.ensure(image);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        String name = ContainerLabels.containerName(job.execId(), job.job().id(),
                UUID.randomUUID().toString().substring(0, 8));
        installShutdownHook();
        JobContainer container;
        try {
            container = JobContainer.start(docker, image, name,
                    ContainerLabels.forJob(job.execId(), job.job().id()), mount, volume, options.user());
        } catch (DockerException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, "docker runner: cannot start a container from "
                    + image + " for job " + job.job().id() + ": " + ImageFetcher.oneLine(e.getMessage()), e);
        }
        live.add(container);
        return container;
    }

    /** Removes the container (or, when {@code remove} is false, leaves it for debugging). */
    void release(JobContainer container, boolean remove) {
        if (remove) {
            try {
                container.removeAndWait(REMOVAL_LIMIT);
            } catch (RuntimeException e) {
                // a failed call: keep it listed so close() or the shutdown hook retries
                return;
            }
        }
        // only now: until the removal is done the shutdown hook must still see the container
        live.remove(container);
    }

    /** Containers of an earlier run under the same exec id whose orun process has died. */
    private void reapOrphans(String execId) {
        if (execId == null || !reapedExecIds.add(execId)) {
            return;
        }
        new OrphanReaper(docker).removeDeadOwners(execId);
    }

    private synchronized void installShutdownHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookInstalled = true;
        }
    }

    private void removeLive() {
        for (JobContainer container : List.copyOf(live)) {
            try {
                container.removeAndWait(REMOVAL_LIMIT);
            } catch (RuntimeException e) {
                // the reaper of the next run with this exec id removes what is left
                LOG.log(System.Logger.Level.DEBUG, "leaving container " + container + " to the reaper", e);
            }
            live.remove(container);
        }
    }

    /** Removes containers still running (a job that was never closed), then lets go of the engine. */
    @Override
    public synchronized void close() {
        removeLive();
        if (hookInstalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // shutting down: the hook may still be removing containers with this client, and
                // the process is ending anyway, so leave the client open
                return;
            }
            hookInstalled = false;
        }
        if (docker != null) {
            EngineConnection.closeQuietly(docker);
            docker = null;
        }
    }

    Optional<DockerClient> engine() {
        return Optional.ofNullable(docker);
    }
}
