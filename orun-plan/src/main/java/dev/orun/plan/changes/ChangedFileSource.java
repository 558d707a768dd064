package dev.orun.plan.changes;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.revwalk.RevCommit;

/** Finds the changed-file set for a request: an explicit list, a commit diff, the working tree. */
final class ChangedFileSource {

    private final Path root;
    private final String intentFile;

    ChangedFileSource(Path workspaceRoot, String intentFile) {
        this.root = workspaceRoot;
        this.intentFile = intentFile;
    }

    ChangedFiles collect(ChangeRequest req, Map<String, String> env) {
        if (!req.files().isEmpty()) {
            return explicitFiles(req.files());
        }
        RefChoice refs = RefChoice.choose(req, env);
        Optional<GitCheckout> opened = GitCheckout.open(root);
        if (opened.isEmpty()) {
            String what = req.uncommitted() ? "--uncommitted" : req.untracked() ? "--untracked" : "--changed";
            throw new InvalidInputException(what + " needs a git repository, and " + root
                    + " is not inside one (pass the changed files with --files instead)");
        }
        try (GitCheckout git = opened.get()) {
            return refs.base() == null ? workingTreeOnly(git, req) : commitDiff(git, req, refs);
        } catch (IOException e) {
            throw new OrunException(OrunException.EXIT_FAILURE,
                    "reading the git repository at " + root + ": " + e.getMessage(), e);
        }
    }

    private ChangedFiles explicitFiles(List<String> given) {
        Set<String> files = new TreeSet<>();
        for (String f : given) {
            Path p = Path.of(f.strip());
            String rel = p.isAbsolute() ? root.toAbsolutePath().normalize().relativize(p.normalize()).toString()
                    : p.toString();
            String clean = WorkspacePaths.clean(rel);
            if (clean.isEmpty() || WorkspacePaths.escapes(clean)) {
                throw new InvalidInputException("--files: " + f.strip() + " is outside the workspace " + root
                        + " (paths are relative to the workspace root)");
            }
            files.add(clean);
        }
        List<String> lines = new ArrayList<>();
        lines.add("changed files: from --files (" + files.size() + "), no git diff");
        String before = null;
        boolean known = false;
        String after = readWorkingIntent();
        if (files.contains(intentFile)) {
            Optional<GitCheckout> opened = GitCheckout.open(root);
            if (opened.isPresent()) {
                try (GitCheckout git = opened.get()) {
                    Optional<GitCheckout.Resolved> head = git.resolve("HEAD");
                    if (head.isPresent()) {
                        before = git.readAt(head.get().commit(), intentFile);
                        known = before == null || !before.equals(after);
                        if (known) {
                            lines.add(intentFile + ": comparing HEAD " + head.get().shortId() + " with the working tree");
                        }
                    }
                } catch (IOException e) {
                    known = false;
                }
            }
        }
        return new ChangedFiles(List.copyOf(files), before, after, known, lines);
    }

    private ChangedFiles workingTreeOnly(GitCheckout git, ChangeRequest req) throws IOException {
        List<String> lines = new ArrayList<>();
        Optional<GitCheckout.Resolved> head = git.resolve("HEAD");
        lines.add("base: none; comparing the working tree with HEAD "
                + head.map(GitCheckout.Resolved::describe).orElse("(no commits yet)"));
        Set<String> files = git.workingTreeChanges(req.uncommitted(), req.untracked());
        lines.add("changed files: " + workingTreeWhat(req) + " (" + files.size() + ")");
        String before = head.isPresent() ? git.readAt(head.get().commit(), intentFile) : null;
        return new ChangedFiles(List.copyOf(files), before, readWorkingIntent(), true, lines);
    }

    private ChangedFiles commitDiff(GitCheckout git, ChangeRequest req, RefChoice refs) throws IOException {
        List<String> lines = new ArrayList<>();
        GitCheckout.Resolved base = resolveOrFail(git, refs.base(), refs.baseSource());
        GitCheckout.Resolved head = resolveOrFail(git, refs.head(), refs.headSource());
        lines.add("base: " + refs.base() + " from " + refs.baseSource() + " → " + base.describe());
        lines.add("head: " + refs.head() + " from " + refs.headSource() + " → " + head.describe());
        RevCommit mergeBase = git.mergeBase(base.commit(), head.commit()).orElse(null);
        if (mergeBase == null) {
            if (git.isShallow()) {
                throw shallowHistory(refs.base(), base, head);
            }
            // Unrelated histories: the only meaningful comparison left is the base itself.
            lines.add("merge base: none (the histories share no commit); comparing with the base itself");
            mergeBase = base.commit();
        } else {
            lines.add("merge base: " + mergeBase.abbreviate(7).name());
        }
        Set<String> files = new TreeSet<>(git.diff(mergeBase, head.commit()));
        lines.add("changed files: committed changes between the merge base and the head (" + files.size() + ")");
        boolean workingTree = req.uncommitted() || req.untracked();
        if (workingTree) {
            Set<String> local = git.workingTreeChanges(req.uncommitted(), req.untracked());
            files.addAll(local);
            lines.add("changed files: plus " + workingTreeWhat(req) + " (" + local.size() + ")");
        }
        String before = git.readAt(mergeBase, intentFile);
        String after = workingTree ? readWorkingIntent() : git.readAt(head.commit(), intentFile);
        return new ChangedFiles(List.copyOf(files), before, after, true, lines);
    }

    private static GitCheckout.Resolved resolveOrFail(GitCheckout git, String ref, String source)
            throws IOException {
        Optional<GitCheckout.Resolved> resolved = git.resolve(ref);
        if (resolved.isPresent()) {
            return resolved.get();
        }
        String from = source.startsWith("--") ? "" : " (from " + source + ")";
        String msg = "git ref \"" + ref + "\"" + from + " not found; branches here: "
                + String.join(", ", git.someBranches(6));
        if (git.isShallow()) {
            msg += "; this is a shallow clone, so fetch it first: git fetch --deepen=200 origin " + ref
                    + " (in GitHub Actions: actions/checkout with fetch-depth: 0)";
        }
        throw new InvalidInputException(msg);
    }

    private static InvalidInputException shallowHistory(String baseRef, GitCheckout.Resolved base,
                                                        GitCheckout.Resolved head) {
        return new InvalidInputException("cannot find the merge base of " + baseRef + " (" + base.shortId()
                + ") and " + head.describe() + ": this is a shallow clone and the history joining them was not"
                + " fetched; fetch more with 'git fetch --deepen=200 origin " + baseRef + "' or 'git fetch --unshallow"
                + " origin', or set 'fetch-depth: 0' on actions/checkout");
    }

    private static String workingTreeWhat(ChangeRequest req) {
        if (req.uncommitted() && req.untracked()) {
            return "staged, unstaged and untracked files";
        }
        return req.uncommitted() ? "staged and unstaged files" : "untracked files";
    }

    private String readWorkingIntent() {
        Path file = root.resolve(intentFile);
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, "reading " + file + ": " + e.getMessage(), e);
        }
    }
}
