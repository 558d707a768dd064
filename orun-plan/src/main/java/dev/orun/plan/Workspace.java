package dev.orun.plan;

import dev.orun.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An orun workspace: the directory holding {@code intent.yaml} ({@code root}) and the intent file
 * itself. Every relative path in the declared model is resolved from the root, and {@code .orun/}
 * lives there.
 */
public record Workspace(Path root, Path intentFile) {

    private static final String[] INTENT_NAMES = {"intent.yaml", "intent.yml"};

    public Workspace {
        root = real(root);
        intentFile = real(intentFile);
    }

    /**
     * Finds the workspace: with {@code intentOverride} (the {@code -i} flag) that file; otherwise
     * the first {@code intent.yaml} (then {@code intent.yml}) walking up from {@code cwd}, stopping
     * after the git top-level directory or at the file-system root.
     */
    public static Workspace discover(Path cwd, Path intentOverride) {
        Path start = real(cwd);
        if (intentOverride != null) {
            Path file = start.resolve(intentOverride).normalize();
            if (!Files.isRegularFile(file)) {
                throw InvalidInputException.at(intentOverride, "intent file does not exist");
            }
            return new Workspace(file.getParent(), file);
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            for (String name : INTENT_NAMES) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return new Workspace(dir, candidate);
                }
            }
            if (Files.exists(dir.resolve(".git"))) {
                break;
            }
        }
        throw new InvalidInputException("no intent.yaml found in " + start
                + " or its parents (up to the git top-level); pass -i FILE");
    }

    public Path orunDir() {
        return root.resolve(".orun");
    }

    /** A path shown relative to the workspace root when it is inside it. */
    public Path display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    }

    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (java.io.IOException e) {
            return absolute;
        }
    }
}
