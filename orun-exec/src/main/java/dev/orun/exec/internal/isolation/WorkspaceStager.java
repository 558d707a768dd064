package dev.orun.exec.internal.isolation;

import dev.orun.core.plan.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import dev.orun.exec.internal.records.PathSegments;

/**
 * The fallback isolation, used where the runner cannot mount an overlay ({@link OverlayStager}).
 * Stages a private workspace for each job under {@code .orun/workspaces/<exec-id>/<job>/}, so jobs
 * running at the same time cannot see or clobber each other's files.
 *
 * <p>A stage mirrors the workspace root. What it contains, and what that guarantees:
 * <ul>
 *   <li><b>The job's own directory</b> (its {@code path}, relative to the workspace root) is a
 *       private copy of the working tree as it is on disk — uncommitted and untracked files
 *       included — without {@code .orun} and whatever git ignores there
 *       ({@link IgnoreRules}). Everything the job creates, changes or deletes
 *       there stays in the stage: it never reaches the source tree nor another job's stage, and
 *       it is discarded when the job ends (unless workspaces are kept). Files are copied, never
 *       hard-linked, because a tool rewriting a hard-linked file in place would change the
 *       source; the copy is a plain file copy (the JDK uses the kernel's in-kernel copy where
 *       available).</li>
 *   <li><b>Every directory on the way down</b> from the root to the job's directory is a real
 *       directory in the stage, and each of its other entries (sibling components, shared
 *       scripts, {@code intent.yaml}, {@code .git}) is a symbolic link to the source tree. So
 *       relative references such as {@code ../shared/lib.sh} resolve, and cost one link each
 *       instead of a copy. These are read-only <i>by convention</i>: nothing stops a job from
 *       writing through such a link into the source tree (orun has no privilege to mount a
 *       read-only view); a job that must write outside its own directory should not rely on
 *       isolation for that write.</li>
 *   <li>A job whose path is the workspace root gets a private copy of the whole tree (minus the
 *       exclusions), except {@code .git}, which is linked.</li>
 *   <li>A job whose path lies outside the workspace root is not staged: it runs in place.</li>
 * </ul>
 * Outputs a job writes into its own directory are therefore not visible to later jobs; results
 * meant for others must go elsewhere (an artifact store, a registry, a path outside the tree).
 *
 * <p>Stages are recycled within a run ({@link StageSlot}): when a job ends, its copy is replaced by
 * a link again and the stage serves a later job, so the cost of a job's stage is the copy of its
 * own directory, not the number of its siblings. The linked view of the rest of the tree is
 * therefore taken when a stage first needs it. A stage a job altered outside its own directory is
 * deleted, never reused. With {@code --keep-workspaces} every job gets its own stage, kept.
 */
public final class WorkspaceStager implements JobWorkspaces {

    private final Path sourceRoot;
    private final Path stagesRoot;
    private final boolean keep;
    private final ConcurrentLinkedQueue<StageSlot> pool = new ConcurrentLinkedQueue<>();
    private int parkedCount;
    private IgnoreRules rootRules;

    /**
     * @param sourceRoot the workspace root (or {@code --workdir}) being mirrored
     * @param stagesRoot {@code .orun/workspaces/<exec-id>}
     * @param keep       leave stages on disk after the job ({@code --keep-workspaces})
     */
    public WorkspaceStager(Path sourceRoot, Path stagesRoot, boolean keep) {
        this.sourceRoot = sourceRoot.toAbsolutePath().normalize();
        this.stagesRoot = stagesRoot.toAbsolutePath().normalize();
        this.keep = keep;
    }

    /** Stages the job's workspace; {@link UncheckedIOException} when the disk refuses. */
    @Override
    public StagedWorkspace stage(Job job) {
        Path relative = relativePath(job.path());
        Path stage = PathSegments.child(stagesRoot, job.id());
        try {
            if (relative == null) {
                return new StagedWorkspace(null, sourceRoot, Path.of(job.path()), null, null);
            }
            if (!keep && !relative.toString().isEmpty()) {
                StageSlot slot = pool.poll();
                TreeOps.deleteTree(stage);
                if (slot == null) {
                    slot = new StageSlot(sourceRoot, stage);
                } else {
                    slot.moveTo(stage);
                }
                Path jobDir = slot.checkOut(relative, rootRules());
                return new StagedWorkspace(stage, slot.root(), jobDir, slot, null);
            }
            TreeOps.deleteTree(stage);
            Path root = stage.resolve("root");
            Files.createDirectories(root);
            Path source = sourceRoot;
            Path target = root;
            IgnoreRules rules = rootRules();
            for (Path segment : relative.toString().isEmpty() ? List.<Path>of() : relative) {
                TreeOps.linkEntries(source, target, segment.toString());
                source = source.resolve(segment);
                target = target.resolve(segment);
                rules = rules.enter(source);
            }
            if (relative.toString().isEmpty()) {
                linkEntry(source, target, ".git");
            }
            TreeOps.copyTree(source, target, rules, relative.toString().isEmpty());
            return new StagedWorkspace(stage, root, target, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("staging workspace for " + job.id() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Ends the job's use of its stage: recycled for the next job, kept, or removed. */
    @Override
    public void release(StagedWorkspace staged) {
        if (staged.directory() == null || keep) {
            return;
        }
        try {
            if (staged.slot() != null && staged.slot().checkIn()) {
                Path parked = stagesRoot.resolve(StageLeftovers.PARKED_PREFIX
                        + ProcessHandle.current().pid() + "-" + parked());
                staged.slot().moveTo(parked);
                pool.add(staged.slot());
                return;
            }
            TreeOps.deleteTree(staged.directory());
        } catch (IOException e) {
            // a leftover stage is only disk space; the directory is named after the execution
        }
    }

    /** Removes every recycled stage, and the stages of ended jobs a killed run left. */
    @Override
    public void close(Predicate<String> finished) {
        if (keep) {
            return;
        }
        StageSlot slot;
        while ((slot = pool.poll()) != null) {
            try {
                TreeOps.deleteTree(slot.directory());
            } catch (IOException e) {
                // leftovers are only disk space
            }
        }
        StageLeftovers.remove(stagesRoot, finished);
    }

    @Override
    public String describe() {
        return "isolation: linked staging (fallback) — each job's own directory is a private copy; "
                + "writes through ../, absolute paths or symbolic links reach the source tree, and "
                + ".orun is reachable";
    }

    /** Asked once per run: in a git work tree that is a {@code git ls-files} call. */
    private synchronized IgnoreRules rootRules() {
        if (rootRules == null) {
            rootRules = IgnoreRules.root(sourceRoot);
        }
        return rootRules;
    }

    private synchronized int parked() {
        return ++parkedCount;
    }

    private Path relativePath(String path) {
        if (path == null || path.isBlank() || path.equals(".") || path.equals("./")) {
            return Path.of("");
        }
        Path candidate = Path.of(path);
        Path absolute = candidate.isAbsolute() ? candidate.normalize()
                : sourceRoot.resolve(candidate).normalize();
        if (!absolute.startsWith(sourceRoot)) {
            return null;
        }
        return sourceRoot.relativize(absolute);
    }


    private static void linkEntry(Path sourceDir, Path targetDir, String name) throws IOException {
        Path entry = sourceDir.resolve(name);
        if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(targetDir.resolve(name), entry);
        }
    }
}
