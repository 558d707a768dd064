package dev.orun.exec.internal.isolation;

import dev.orun.core.plan.Job;
import java.util.function.Predicate;

/**
 * Gives each job of a run its isolated workspace: {@link OverlayStager} where the runner can mount
 * an overlay (real isolation), {@link WorkspaceStager} otherwise (linked staging, the fallback).
 * Used from the job threads at once.
 */
public interface JobWorkspaces {

    /** The job's workspace; {@link java.io.UncheckedIOException} when the disk refuses. */
    StagedWorkspace stage(Job job);

    /** The job ended: its stage is recycled, kept ({@code --keep-workspaces}) or removed. */
    void release(StagedWorkspace staged);

    /**
     * The run ended: removes what this run no longer needs, and what a killed run left for jobs
     * that have finished since ({@code finished} tells which job ids are recorded as ended), so a
     * resumed run leaves no stage behind. Does nothing when workspaces are kept.
     */
    void close(Predicate<String> finished);

    /** One line for the run's output and {@code --dry-run}: how jobs are isolated and what holds. */
    String describe();
}
