package dev.orun.plan.internal.compile;

import dev.orun.core.plan.PlanSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git commit a workspace is at, and whether tracked files under the workspace root differ from
 * it (untracked files, such as {@code .orun/}, do not make a plan dirty). Null outside a git
 * repository or before the first commit.
 */
public final class GitSource {

    private GitSource() {
    }

    public static PlanSource of(Path root) {
        if (!insideGitWorkTree(root)) {
            return null; // spares loading JGit at all, which is most of a small plan's start-up
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            return null;
        }
        try (Repository repository = builder.build()) {
            ObjectId head = repository.resolve(Constants.HEAD);
            if (head == null || repository.isBare()) {
                // JGit cannot read linked worktrees (a .git file pointing at worktrees/<name>).
                return Files.isRegularFile(repository.getDirectory().toPath().resolve("commondir"))
                        ? GitCli.source(root) : null;
            }
            StatusCommand status = Git.wrap(repository).status();
            Path workTree = repository.getWorkTree().toPath().toRealPath();
            Path relative = workTree.relativize(root);
            if (!relative.toString().isEmpty()) {
                status.addPath(relative.toString().replace('\\', '/'));
            }
            return new PlanSource(head.name(), status.call().hasUncommittedChanges());
        } catch (IOException | GitAPIException e) {
            return null;
        }
    }

    private static boolean insideGitWorkTree(Path root) {
        for (Path dir = root; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }
}
