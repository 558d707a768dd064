package dev.orun.exec.internal.isolation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What git ignores in a work tree, asked once:
 * {@code git ls-files -z --others --ignored --exclude-standard --directory}, which applies every
 * {@code .gitignore}, negations, {@code .git/info/exclude} and {@code core.excludesFile} exactly as
 * git does (orun-exec has no git library; the {@code git} command is the reference).
 */
final class GitIgnored extends IgnoreRules {

    private static final long TIMEOUT_SECONDS = 30;

    private final Path root;
    /** Ignored paths relative to root; directories end with {@code /}. */
    private final Set<String> ignored;

    private GitIgnored(Path root, Set<String> ignored) {
        this.root = root;
        this.ignored = ignored;
    }

    /** The ignored set for {@code root}, or {@code null} when it is not in a git work tree or git is missing. */
    static GitIgnored of(Path root) {
        if (!insideWorkTree(root)) {
            return null;
        }
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--others",
                    "--ignored", "--exclude-standard", "--directory")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CompletableFuture<byte[]> out = readAll(git.getInputStream());
            if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return null;
            }
            if (git.exitValue() != 0) {
                return null;
            }
            Set<String> paths = new HashSet<>();
            for (String path : new String(out.get(), StandardCharsets.UTF_8).split("\0")) {
                if (!path.isEmpty()) {
                    paths.add(path);
                }
            }
            return new GitIgnored(root.toAbsolutePath().normalize(), paths);
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean insideWorkTree(Path root) {
        for (Path dir = root.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** Read on another thread so a large answer cannot fill the pipe while we wait (with a timeout). */
    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                in.transferTo(bytes);
                return bytes.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }

    @Override
    IgnoreRules enter(Path directory) {
        return this;
    }

    @Override
    boolean ignored(Path entry, boolean directory) {
        if (ALWAYS_SKIPPED.contains(entry.getFileName().toString())) {
            return true;
        }
        String relative = root.relativize(entry.toAbsolutePath().normalize()).toString();
        return ignored.contains(directory ? relative + "/" : relative);
    }
}
