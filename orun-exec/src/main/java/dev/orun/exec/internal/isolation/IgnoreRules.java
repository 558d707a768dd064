package dev.orun.exec.internal.isolation;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which entries staging leaves out: well-known build-output and dependency directories, and what
 * {@code .gitignore} files ignore. Supports the common {@code .gitignore} forms (globs, a trailing
 * {@code /} for directories, a leading or inner {@code /} to anchor the pattern to the file's
 * directory, {@code **}); negations ({@code !pattern}) are not applied, so a re-included entry
 * is still left out.
 */
final class IgnoreRules {

    /** Never staged whatever {@code .gitignore} says: build outputs and dependency caches. */
    static final Set<String> ALWAYS_SKIPPED = Set.of(".orun", "node_modules", "target", ".gradle",
            ".venv", "venv", "__pycache__", ".terraform", ".pytest_cache", ".mypy_cache", ".next",
            ".nuxt", ".turbo", ".svelte-kit");

    private final IgnoreRules parent;
    private final Path base;
    private final List<Rule> rules;

    private record Rule(PathMatcher matcher, boolean anchored, boolean directoryOnly) {
    }

    private IgnoreRules(IgnoreRules parent, Path base, List<Rule> rules) {
        this.parent = parent;
        this.base = base;
        this.rules = rules;
    }

    static IgnoreRules root(Path root) {
        return new IgnoreRules(null, root, List.of()).enter(root);
    }

    /** The rules inside {@code directory}: these plus its own {@code .gitignore}, if any. */
    IgnoreRules enter(Path directory) {
        Path file = directory.resolve(".gitignore");
        if (!Files.isRegularFile(file)) {
            return this;
        }
        List<Rule> own = new ArrayList<>();
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                    continue;
                }
                boolean dirOnly = line.endsWith("/");
                if (dirOnly) {
                    line = line.substring(0, line.length() - 1);
                }
                boolean anchored = line.contains("/");
                if (line.startsWith("/")) {
                    line = line.substring(1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                own.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + line), anchored,
                        dirOnly));
            }
        } catch (IOException | IllegalArgumentException e) {
            return this;
        }
        return own.isEmpty() ? this : new IgnoreRules(this, directory, own);
    }

    boolean ignored(Path entry, boolean directory) {
        if (directory && ALWAYS_SKIPPED.contains(entry.getFileName().toString())) {
            return true;
        }
        if (entry.getFileName().toString().equals(".orun")) {
            return true;
        }
        for (IgnoreRules level = this; level != null; level = level.parent) {
            for (Rule rule : level.rules) {
                if (rule.directoryOnly && !directory) {
                    continue;
                }
                Path subject = rule.anchored ? level.base.relativize(entry) : entry.getFileName();
                if (rule.matcher.matches(subject)) {
                    return true;
                }
            }
        }
        return false;
    }
}
