package dev.orun.runner.gha;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The on-disk cache of remote actions: {@code <root>/<owner>/<repo>/<sha>/} holds one commit's
 * files (complete once it has a {@code .ready} marker), {@code <root>/<owner>/<repo>/refs/<ref>}
 * maps a branch or tag to that commit. The root is {@code $ORUN_ACTIONS_CACHE}, else
 * {@code ~/.orun/actions}. Once an action is here it is used without any network. Entries are
 * written to a temporary directory and renamed into place, so a reader never sees half an action.
 * See {@code docs/decisions/gha-action-cache.md}.
 */
public final class ActionCache {

    private static final String READY = ".ready";
    private final Path root;

    public ActionCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The cache the given environment points to ({@code ORUN_ACTIONS_CACHE}, else {@code HOME}). */
    public static ActionCache fromEnvironment(Map<String, String> env) {
        String explicit = env.get("ORUN_ACTIONS_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return new ActionCache(Path.of(explicit));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new ActionCache(Path.of(home, ".orun", "actions"));
    }

    public Path root() {
        return root;
    }

    /** The action's directory (with its {@code path}), when the cache holds its commit. */
    public Optional<Path> find(ActionRef ref) {
        return commitOf(ref).map(sha -> repoDir(ref).resolve(sha))
                .filter(dir -> Files.isRegularFile(dir.resolve(READY)))
                .map(dir -> ref.path().isEmpty() ? dir : dir.resolve(ref.path()).normalize());
    }

    /** The commit the ref maps to: the ref itself when it is one, else the recorded mapping. */
    public Optional<String> commitOf(ActionRef ref) {
        if (ref.pinnedToCommit()) {
            return Optional.of(ref.lowerSha());
        }
        Path file = repoDir(ref).resolve("refs").resolve(ref.refFileName());
        try {
            if (Files.isRegularFile(file)) {
                String sha = Files.readString(file, StandardCharsets.UTF_8).strip();
                return sha.matches("[0-9a-f]{40}") ? Optional.of(sha) : Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.empty();
    }

    /**
     * Seeds the cache with a checkout of the action in {@code source} (its {@code .git} is not
     * copied) under {@code ref}. The commit is the ref when it is a commit id, else the
     * checkout's {@code HEAD} when it is a git repository, else a digest of its files.
     *
     * @return the cached directory of the action
     */
    public Path importDirectory(Path source, ActionRef ref) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new InvalidInputException(source + ": not a directory");
        }
        Path actionDir = ref.path().isEmpty() ? source : source.resolve(ref.path());
        if (!Files.isRegularFile(actionDir.resolve("action.yml"))
                && !Files.isRegularFile(actionDir.resolve("action.yaml"))) {
            throw new InvalidInputException(actionDir + ": no action.yml or action.yaml (is this a "
                    + "checkout of " + ref.repository() + "?)");
        }
        String sha = ref.pinnedToCommit() ? ref.lowerSha() : gitHead(source).orElse(digest(source));
        return store(ref, sha, target -> copyTree(source, target));
    }

    /** Stores a commit's files produced by {@code fill} and maps {@code ref} to it. */
    Path store(ActionRef ref, String sha, Filler fill) throws IOException {
        Path repoDir = repoDir(ref);
        Path target = repoDir.resolve(sha);
        Files.createDirectories(repoDir);
        if (!Files.isRegularFile(target.resolve(READY))) {
            Path temp = repoDir.resolve(sha + ".tmp-" + UUID.randomUUID());
            Files.createDirectories(temp);
            try {
                fill.fill(temp);
                Files.writeString(temp.resolve(READY), sha + "\n");
                deleteTree(target);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(temp);
            }
        }
        if (!ref.pinnedToCommit()) {
            Path refs = Files.createDirectories(repoDir.resolve("refs"));
            Path temp = refs.resolve(ref.refFileName() + ".tmp-" + UUID.randomUUID());
            Files.writeString(temp, sha + "\n");
            Files.move(temp, refs.resolve(ref.refFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return ref.path().isEmpty() ? target : target.resolve(ref.path());
    }

    /** Writes one commit's files into an empty directory. */
    interface Filler {
        void fill(Path directory) throws IOException;
    }

    private Path repoDir(ActionRef ref) {
        Path dir = root.resolve(ref.owner()).resolve(ref.repo()).normalize();
        if (!dir.startsWith(root)) {
            throw new InvalidInputException("action reference escapes the cache: " + ref);
        }
        return dir;
    }

    private static Optional<String> gitHead(Path source) {
        if (!Files.exists(source.resolve(".git"))) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "-C", source.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{40}") ? Optional.of(out)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A SHA-1 over the relative paths and contents of the files, in path order. */
    private static String digest(Path source) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            List<Path> list = files.filter(Files::isRegularFile)
                    .filter(p -> !source.relativize(p).startsWith(".git")).sorted().toList();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (Path file : list) {
                sha1.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha1.update((byte) 0);
                sha1.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                    throws IOException {
                Path rel = from.relativize(dir);
                if (rel.startsWith(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
