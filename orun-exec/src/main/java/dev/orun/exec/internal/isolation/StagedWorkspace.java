package dev.orun.exec.internal.isolation;

import dev.orun.core.runner.WorkspaceOverlay;
import java.nio.file.Path;

/**
 * A job's staged workspace.
 *
 * @param directory    the stage's own directory, removed when the job ends
 * @param root         the stage's view of the workspace root
 * @param jobDirectory the job's private copy of its own directory: where it runs
 * @param slot         the reusable stage behind it, or {@code null} for a one-off stage
 * @param overlay      the overlay the runner mounts for the job ({@link OverlayStager}), or
 *                     {@code null} for linked staging
 */
public record StagedWorkspace(Path directory, Path root, Path jobDirectory, StageSlot slot,
                              WorkspaceOverlay overlay) {
}
