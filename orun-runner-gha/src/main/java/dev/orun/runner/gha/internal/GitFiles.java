package dev.orun.runner.gha.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads the current branch, HEAD commit and origin URL straight from a repository's files
 * ({@code HEAD}, loose and packed refs, {@code config}), so deriving the {@code github} context
 * starts no {@code git} process: under load three process starts cost more than a short job.
 * Handles worktrees ({@code .git} file with {@code gitdir:}, {@code commondir}). Anything it does
 * not understand yields empty, and the caller falls back to its defaults.
 */
final class GitFiles {

    private final Path gitDir;
    private final Path commonDir;

    private GitFiles(Path gitDir, Path commonDir) {
        this.gitDir = gitDir;
        this.commonDir = commonDir;
    }

    static Optional<GitFiles> find(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            try {
                if (Files.isDirectory(dotGit)) {
                    return Optional.of(new GitFiles(dotGit, dotGit));
                }
                if (Files.isRegularFile(dotGit)) {
                    String text = Files.readString(dotGit, StandardCharsets.UTF_8).strip();
                    if (!text.startsWith("gitdir:")) {
                        return Optional.empty();
                    }
                    Path gitDir = dir.resolve(text.substring("gitdir:".length()).strip()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(Files.readString(commonFile).strip()).normalize();
                    }
                    return Optional.of(new GitFiles(gitDir, common));
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The checked-out branch, or empty on a detached HEAD. */
    Optional<String> branch() {
        return head().filter(h -> h.startsWith("ref: refs/heads/"))
                .map(h -> h.substring("ref: refs/heads/".length()));
    }

    Optional<String> commit() {
        Optional<String> head = head();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        String value = head.get();
        if (!value.startsWith("ref: ")) {
            return Optional.of(value).filter(v -> v.matches("[0-9a-f]{40}"));
        }
        return resolve(value.substring("ref: ".length()));
    }

    Optional<String> originUrl() {
        try {
            List<String> lines = Files.readAllLines(commonDir.resolve("config"), StandardCharsets.UTF_8);
            boolean inOrigin = false;
            for (String raw : lines) {
                String line = raw.strip();
                if (line.startsWith("[")) {
                    inOrigin = line.replace(" ", "").equals("[remote\"origin\"]");
                } else if (inOrigin && line.startsWith("url")) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        return Optional.of(line.substring(eq + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> head() {
        try {
            return Optional.of(Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<String> resolve(String ref) {
        try {
            for (Path base : List.of(gitDir, commonDir)) {
                Path loose = base.resolve(ref);
                if (Files.isRegularFile(loose)) {
                    String sha = Files.readString(loose, StandardCharsets.UTF_8).strip();
                    return sha.matches("[0-9a-f]{40}") ? Optional.of(sha) : Optional.empty();
                }
            }
            Path packed = commonDir.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                    if (line.endsWith(" " + ref) && line.length() > 41) {
                        return Optional.of(line.substring(0, 40));
                    }
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
