package dev.orun.core.runner;

import java.nio.file.Path;
import java.util.List;

/**
 * A copy-on-write view of the source tree for one job, which the runner puts in place before each
 * step: the source tree is the read-only lower layer, everything the job writes lands in
 * {@code upper}. Made by the engine when isolation is on and the runner
 * {@linkplain Runner#overlayUnavailableReason(Path) supports overlays}; a runner that receives one
 * must not let the job's writes reach {@code root}. Created by the engine in the job's thread
 * before {@link Runner#startJob}; runners read it from {@link JobContext#overlay()} in the same
 * thread. Implemented by the local runner (namespaces) and the Docker runner (an overlay volume).
 *
 * <p>What the runner must arrange, whatever its mechanism (mount namespace, container volume):
 * <ul>
 *   <li>the view is visible at {@code root}'s path itself for a local process (so absolute paths
 *       into the tree, {@code ../sibling} and symbolic links all land in the view), or at the
 *       runner's usual workspace mount point in a container;</li>
 *   <li>each of {@code hidden} (inside {@code root}; orun's own records) appears as an empty,
 *       read-only directory, so a job can neither read nor forge records;</li>
 *   <li>{@code upper} and {@code work} stay out of the job's reach (they are under a hidden
 *       directory).</li>
 * </ul>
 *
 * @param root   the source tree: the lower layer, and where the view is mounted
 * @param upper  the job's private upper directory (exactly what the job changed)
 * @param work   an empty scratch directory on the same file system as {@code upper}
 * @param hidden directories inside {@code root} covered by an empty read-only directory
 */
public record WorkspaceOverlay(Path root, Path upper, Path work, List<Path> hidden) {

    public WorkspaceOverlay {
        hidden = List.copyOf(hidden);
    }
}
