package dev.orun.plan.changes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The git repository holding a workspace, through JGit. Every path going in or out is relative to
 * the workspace root, which may lie below the repository root.
 */
final class GitCheckout implements AutoCloseable {

    /** A resolved ref: the commit and the full ref name it came from (or the id for a bare SHA). */
    record Resolved(RevCommit commit, String refName) {
        String shortId() {
            return commit.abbreviate(7).name();
        }

        String describe() {
            return refName.equals(commit.name()) ? shortId() : shortId() + " (" + refName + ")";
        }
    }

    private final Repository repo;
    /** The workspace root relative to the repository root; "" when they are the same. */
    private final String prefix;

    private GitCheckout(Repository repo, String prefix) {
        this.repo = repo;
        this.prefix = prefix;
    }

    /** Opens the repository containing {@code workspaceRoot}, or empty when there is none. */
    static Optional<GitCheckout> open(Path workspaceRoot) {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(workspaceRoot.toFile());
            if (builder.getGitDir() == null) {
                return Optional.empty();
            }
            Repository repo = builder.setMustExist(true).build();
            if (repo.isBare()) {
                repo.close();
                return Optional.empty();
            }
            Path top = repo.getWorkTree().toPath().toRealPath();
            Path rel = top.relativize(workspaceRoot.toRealPath());
            String prefix = rel.toString().replace('\\', '/');
            return Optional.of(new GitCheckout(repo, prefix));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    String workspacePrefix() {
        return prefix;
    }

    boolean isShallow() throws IOException {
        return !repo.getObjectDatabase().getShallowCommits().isEmpty();
    }

    /**
     * Resolves a branch, tag, remote branch ({@code main} also finds {@code origin/main}), commit id
     * or revision expression to a commit that is present; empty when there is none.
     */
    Optional<Resolved> resolve(String ref) throws IOException {
        List<String> names = new ArrayList<>();
        Ref found = repo.findRef(ref);
        if (found == null && !ref.startsWith("refs/")) {
            found = repo.findRef(Constants.R_REMOTES + "origin/" + ref);
        }
        ObjectId id = null;
        if (found != null) {
            Ref target = found.getTarget();
            names.add(target.getName());
            id = repo.getRefDatabase().peel(target).getPeeledObjectId();
            if (id == null) {
                id = target.getObjectId();
            }
        } else {
            try {
                id = repo.resolve(ref);
            } catch (RevisionSyntaxException e) {
                return Optional.empty();
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(id);
            return Optional.of(new Resolved(commit, names.isEmpty() ? commit.name() : names.get(0)));
        } catch (MissingObjectException e) {
            return Optional.empty();
        } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return Optional.empty();
        }
    }

    /** The best common ancestor of two commits, or empty when the (fetched) histories never meet. */
    Optional<RevCommit> mergeBase(RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            return Optional.ofNullable(walk.next());
        }
    }

    /**
     * Files that differ between two commits. A rename shows up as its deleted and its added path;
     * identical subtrees are skipped without being read, so the cost follows the size of the change.
     */
    Set<String> diff(RevCommit from, RevCommit to) throws IOException {
        Set<String> out = new TreeSet<>();
        try (TreeWalk walk = new TreeWalk(repo)) {
            walk.addTree(from.getTree());
            walk.addTree(to.getTree());
            walk.setRecursive(true);
            walk.setFilter(prefix.isEmpty() ? TreeFilter.ANY_DIFF
                    : AndTreeFilter.create(PathFilter.create(prefix), TreeFilter.ANY_DIFF));
            while (walk.next()) {
                out.add(relative(walk.getPathString()));
            }
        }
        return out;
    }

    /**
     * Working-tree changes against HEAD: staged and unstaged ({@code uncommitted}) and untracked
     * files that are not ignored ({@code untracked}).
     */
    Set<String> workingTreeChanges(boolean uncommitted, boolean untracked) throws IOException {
        ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
        IndexDiff diff = new IndexDiff(repo, head, new FileTreeIterator(repo));
        if (!prefix.isEmpty()) {
            diff.setFilter(PathFilter.create(prefix));
        }
        diff.diff();
        Set<String> out = new TreeSet<>();
        if (uncommitted) {
            List.of(diff.getAdded(), diff.getChanged(), diff.getRemoved(), diff.getMissing(),
                    diff.getModified(), diff.getConflicting()).forEach(set -> set.forEach(p -> out.add(relative(p))));
        }
        if (untracked) {
            diff.getUntracked().forEach(p -> out.add(relative(p)));
        }
        out.removeIf(p -> p.startsWith("../"));
        return out;
    }

    /** The text of a workspace file at a commit, or null when it does not exist there. */
    String readAt(RevCommit commit, String workspacePath) throws IOException {
        String repoPath = prefix.isEmpty() ? workspacePath : prefix + "/" + workspacePath;
        try (TreeWalk walk = TreeWalk.forPath(repo, repoPath, commit.getTree())) {
            if (walk == null) {
                return null;
            }
            byte[] bytes = repo.open(walk.getObjectId(0)).getBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A few branch names for error messages: local ones first, then remote ones. */
    List<String> someBranches(int max) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            names.add(r.getName().substring(Constants.R_HEADS.length()));
        }
        List<String> out = new ArrayList<>(names);
        for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
            String name = r.getName().substring(Constants.R_REMOTES.length());
            if (!name.endsWith("/HEAD") && !out.contains(name)) {
                out.add(name);
            }
        }
        return out.size() > max ? out.subList(0, max) : out;
    }

    private String relative(String repoPath) {
        if (prefix.isEmpty()) {
            return repoPath;
        }
        return repoPath.startsWith(prefix + "/") ? repoPath.substring(prefix.length() + 1) : "../" + repoPath;
    }

    @Override
    public void close() {
        repo.close();
    }
}
