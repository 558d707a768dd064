package dev.orun.runner.gha.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's private directory: {@code home/} (the job's {@code HOME}, so the user's dot-files stay
 * out of reach), {@code temp/} ({@code RUNNER_TEMP}), {@code tool-cache/}, and one directory of
 * file-command files per process. Removed when the job ends unless kept for debugging.
 */
final class JobSandbox implements AutoCloseable {

    private final Path root;
    private final boolean keep;
    private final AtomicInteger counter = new AtomicInteger();

    private JobSandbox(Path root, boolean keep) {
        this.root = root;
        this.keep = keep;
    }

    static JobSandbox create(String jobId, boolean keep) {
        String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        try {
            Path root = Files.createTempDirectory("orun-gha-" + safe + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(root.resolve("home"));
            Files.createDirectories(root.resolve("temp"));
            Files.createDirectories(root.resolve("tool-cache"));
            Files.createDirectories(root.resolve("scripts"));
            Files.createDirectories(root.resolve("file-commands"));
            return new JobSandbox(root, keep);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the job's sandbox", e);
        }
    }

    Path root() {
        return root;
    }

    Path home() {
        return root.resolve("home");
    }

    Path temp() {
        return root.resolve("temp");
    }

    Path toolCache() {
        return root.resolve("tool-cache");
    }

    /** A new, unique file for a step's script, with {@code extension}. */
    Path scriptFile(String extension) {
        return root.resolve("scripts").resolve("step-" + counter.incrementAndGet() + extension);
    }

    /**
     * File-command file names for one host process, in the job's one file-command directory
     * ({@code <n>.env}, {@code <n>.output}, …): no directory per step, as nothing is created
     * until the process appends.
     */
    StepFiles newProcessFiles() {
        return StepFiles.named(root.resolve("file-commands"), counter.incrementAndGet() + ".");
    }

    /** Fresh, empty file-command files in a directory of their own (mounted into containers). */
    StepFiles newStepFiles() throws IOException {
        Path dir = Files.createDirectories(root.resolve("file-commands")
                .resolve(Integer.toString(counter.incrementAndGet())));
        return StepFiles.create(dir);
    }

    /** The variables every process of the job gets from the sandbox. */
    Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("HOME", home().toString());
        v.put("RUNNER_TEMP", temp().toString());
        v.put("RUNNER_TOOL_CACHE", toolCache().toString());
        v.put("TMPDIR", temp().toString());
        return v;
    }

    @Override
    public void close() {
        if (keep) {
            return;
        }
        try {
            dev.orun.runner.gha.internal.Trees.delete(root);
        } catch (IOException ignored) {
            // a file held open by a leftover process; the OS temp cleaner takes it later
        }
    }
}
