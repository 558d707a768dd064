package dev.orun.runner.docker;

import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A job running in Docker: the job's container, plus one more per distinct step-level
 * {@code with.image}. Used by one thread at a time.
 */
final class DockerJobSession implements JobSession {

    private final DockerRunner runner;
    private final JobContext job;
    private final WorkspaceMount workspace;
    private final JobContainer jobContainer;
    private final OverlayVolume volume;
    private final Map<String, JobContainer> stepContainers = new LinkedHashMap<>();
    private boolean closed;
    private final java.util.Set<String> keptAnnounced = new java.util.HashSet<>();

    DockerJobSession(DockerRunner runner, JobContext job, WorkspaceMount workspace, OverlayVolume volume,
                     JobContainer jobContainer) {
        this.runner = runner;
        this.volume = volume;
        this.job = job;
        this.workspace = workspace;
        this.jobContainer = jobContainer;
    }

    @Override
    public StepResult runStep(StepRequest request) throws InterruptedException {
        Step step = request.step();
        if (closed) {
            return StepResult.notRun("docker runner: the job's container was removed (the run was cancelled)");
        }
        if (step.isAction()) {
            return StepResult.notRun("step \"" + label(step) + "\" uses GitHub Actions syntax (" + step.use()
                    + "); rerun with --gha or --runner github-actions");
        }
        if (step.run() == null || step.run().isBlank()) {
            return StepResult.exited(0);
        }
        Path hostDir = request.workingDirectory() != null ? request.workingDirectory()
                : job.workingDirectory() != null ? job.workingDirectory() : job.workspace();
        Optional<String> workdir = workspace.containerPath(hostDir);
        if (workdir.isEmpty()) {
            return StepResult.notRun("docker runner: working directory " + hostDir
                    + " is outside the mounted workspace " + workspace.hostRoot());
        }
        try {
            JobContainer container = containerFor(step);
            announceKept(container, request);
            ExecOutcome outcome = container.exec(step.run(), environment(request), workdir.get(),
                    request.output(), request.timeout());
            if (outcome.timedOut()) {
                return StepResult.timedOut("step timed out after " + request.timeout()
                        + "; every process in container " + container.name() + " was killed");
            }
            return StepResult.exited(outcome.exitCode());
        } catch (InterruptedException e) {
            removeAll();
            throw e;
        } catch (ImageUnavailableException e) {
            return StepResult.notRun(e.getMessage());
        } catch (RuntimeException e) {
            // engine errors (DockerException) and transport failures (the engine went away)
            return StepResult.notRun("docker runner: " + ImageFetcher.oneLine(e.getMessage()));
        }
    }

    /**
     * With {@code --keep-workspaces} the container outlives the job: say so once, by name, in the
     * output of the first step that uses it (the step log, {@code --verbose}, the failure tail).
     */
    private void announceKept(JobContainer container, StepRequest request) {
        if (job.keepResources() && keptAnnounced.add(container.name())) {
            try {
                request.output().write(("orun: keeping container " + container.name() + " after this job "
                        + "(--keep-workspaces); remove it with: docker rm -f " + container.name() + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Exactly what the engine gave, sorted; never the host's variables. */
    private static List<String> environment(StepRequest request) {
        Map<String, String> env = new TreeMap<>(request.environment());
        env.put("ORUN_CONTEXT", DockerRunner.CONTEXT);
        List<String> list = new ArrayList<>(env.size());
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    private JobContainer containerFor(Step step) throws InterruptedException {
        Optional<ImageChoice> own = runner.images().forStep(step);
        if (own.isEmpty() || own.get().image().equals(jobContainer.image())) {
            return jobContainer;
        }
        String image = own.get().image();
        JobContainer existing = stepContainers.get(image);
        if (existing == null) {
            existing = runner.startContainer(job, image, workspace, volume);
            stepContainers.put(image, existing);
        }
        return existing;
    }

    private static String label(Step step) {
        return step.name() != null && !step.name().isBlank() ? step.name() : step.id();
    }

    /** Cancellation: the containers go now, whatever {@code keepResources} says. */
    private void removeAll() {
        closed = true;
        runner.release(jobContainer, true);
        stepContainers.values().forEach(c -> runner.release(c, true));
        removeVolume();
    }

    private void removeVolume() {
        if (volume != null) {
            volume.remove();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runner.release(jobContainer, !job.keepResources());
        stepContainers.values().forEach(c -> runner.release(c, !job.keepResources()));
        removeVolume();
    }
}
