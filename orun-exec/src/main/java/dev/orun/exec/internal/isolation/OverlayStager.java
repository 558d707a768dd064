package dev.orun.exec.internal.isolation;

import dev.orun.core.plan.Job;
import dev.orun.core.runner.WorkspaceOverlay;
import dev.orun.exec.internal.records.PathSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Real isolation: each job runs in a copy-on-write {@link WorkspaceOverlay} of the whole source
 * tree, which the runner mounts (see {@code docs/decisions/isolation-namespaces.md}). Staging
 * creates two empty directories under {@code .orun/workspaces/<exec-id>/<job>/} — {@code upper}
 * (everything the job writes, exactly what it changed) and {@code work} (the overlay's scratch
 * space) — so it costs the same whatever the size of the tree. The job's directory names are
 * percent-encoded ({@link PathSegments}), so two jobs never share a stage.
 *
 * <p>What holds: nothing a job writes — in its directory, through {@code ../}, absolute paths into
 * the tree or symbolic links — reaches the source tree or another job; {@code .orun} is an empty
 * read-only directory to the job, so records can be neither read nor forged. Every job sees the
 * tree as it is on disk when its step starts (uncommitted and ignored files included).
 */
public final class OverlayStager implements JobWorkspaces {

    private final Path sourceRoot;
    private final Path stagesRoot;
    private final boolean keep;
    /**
     * Removes finished stages off the job threads: removing a stage is a walk and four
     * {@code rmdir}s, which took milliseconds per job on a busy disk, on the critical path of a
     * run of short jobs. A stage is first renamed out of the way (one call), so a retry of the same
     * job can stage again at once; whatever is still queued when the run ends is waited for.
     */
    private final java.util.concurrent.ExecutorService remover =
            java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "orun-stage-removal");
                thread.setDaemon(true);
                return thread;
            });
    private final java.util.concurrent.atomic.AtomicLong removed = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param sourceRoot the workspace root: the overlay's lower layer
     * @param stagesRoot {@code .orun/workspaces/<exec-id>}
     * @param keep       keep each job's upper directory ({@code --keep-workspaces})
     */
    public OverlayStager(Path sourceRoot, Path stagesRoot, boolean keep) {
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        this.stagesRoot = stagesRoot.toAbsolutePath().normalize();
        this.keep = keep;
    }

    @Override
    public StagedWorkspace stage(Job job) {
        Path stage = PathSegments.child(stagesRoot, job.id());
        try {
            createStage(stage);
            Path upper = Files.createDirectory(stage.resolve("upper"));
            Path work = Files.createDirectory(stage.resolve("work"));
            WorkspaceOverlay overlay = new WorkspaceOverlay(sourceRoot, upper, work,
                    List.of(sourceRoot.resolve(".orun")));
            return new StagedWorkspace(stage, sourceRoot, jobDirectory(job), null, overlay);
        } catch (IOException e) {
            throw new UncheckedIOException("staging workspace for " + job.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * One {@code mkdir} in the usual case; a stage left by an earlier attempt of the job is
     * removed first, and the exec id's directory is made when the first job needs it.
     */
    private void createStage(Path stage) throws IOException {
        try {
            Files.createDirectory(stage);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            TreeOps.deleteTree(stage);
            Files.createDirectory(stage);
        } catch (java.nio.file.NoSuchFileException e) {
            Files.createDirectories(stagesRoot);
            createStage(stage);
        }
    }

    /**
     * A stage whose job wrote nothing is four empty directories ({@code upper}, {@code work} and
     * the overlay's {@code work/work}): four {@code rmdir}s, where walking the tree costs a
     * directory listing per level and, for the overlay's mode-000 {@code work/work}, three
     * {@code chmod}s. Anything else (the job wrote files, the overlay was never mounted) is walked.
     */
    static void removeStage(Path stage) throws IOException {
        try {
            Files.delete(stage.resolve("upper"));
            Files.delete(stage.resolve("work").resolve("work"));
            Files.delete(stage.resolve("work"));
            Files.delete(stage);
        } catch (IOException e) {
            TreeOps.deleteTree(stage);
        }
    }

    private Path jobDirectory(Job job) {
        String path = job.path();
        if (path == null || path.isBlank() || path.equals(".") || path.equals("./")) {
            return sourceRoot;
        }
        Path candidate = Path.of(path);
        return candidate.isAbsolute() ? candidate.normalize()
                : sourceRoot.resolve(candidate).normalize();
    }

    @Override
    public void release(StagedWorkspace staged) {
        try {
            if (keep) {
                TreeOps.deleteTree(staged.overlay().work());
                return;
            }
            // parked under the name StageLeftovers removes for a process that has ended (or is this one)
            Path parked = stagesRoot.resolve(StageLeftovers.PARKED_PREFIX + ProcessHandle.current().pid()
                    + "-o" + removed.incrementAndGet());
            try {
                Files.move(staged.directory(), parked);
            } catch (IOException e) {
                TreeOps.deleteTree(staged.directory());
                return;
            }
            try {
                remover.execute(() -> {
                    try {
                        removeStage(parked);
                    } catch (IOException e) {
                        // left for close() and the next run
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                removeStage(parked);
            }
        } catch (IOException e) {
            // a leftover stage is only disk space; close() and the next run remove it
        }
    }

    @Override
    public void close(Predicate<String> finished) {
        remover.shutdown();
        try {
            remover.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!keep) {
            StageLeftovers.remove(stagesRoot, finished);
        }
    }

    @Override
    public String describe() {
        return "isolation: each job runs in its own namespaces over a copy-on-write overlay of "
                + "the tree; its writes stay in .orun/workspaces/<exec-id>/<job>/upper, .orun is "
                + "hidden from it";
    }
}
