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
            TreeOps.deleteTree(stage);
            Path upper = Files.createDirectories(stage.resolve("upper"));
            Path work = Files.createDirectories(stage.resolve("work"));
            WorkspaceOverlay overlay = new WorkspaceOverlay(sourceRoot, upper, work,
                    List.of(sourceRoot.resolve(".orun")));
            return new StagedWorkspace(stage, sourceRoot, jobDirectory(job), null, overlay);
        } catch (IOException e) {
            throw new UncheckedIOException("staging workspace for " + job.id() + ": "
                    + e.getMessage(), e);
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
            } else {
                TreeOps.deleteTree(staged.directory());
            }
        } catch (IOException e) {
            // a leftover stage is only disk space; close() and the next run remove it
        }
    }

    @Override
    public void close(Predicate<String> finished) {
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
