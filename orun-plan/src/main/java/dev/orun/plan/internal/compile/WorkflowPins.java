package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pins the file a {@code workflow:} step names: {@code sha256:<hex of the file's bytes>}, the path
 * taken relative to the workspace root as authored (docs/decisions/go-planner-compatibility.md).
 * Each file is read once per compile.
 */
final class WorkflowPins {

    private final Path workspaceRoot;
    private final Map<Path, String> digests = new ConcurrentHashMap<>();

    WorkflowPins(Path workspaceRoot) {
        this.workspaceRoot = workspaceRoot;
    }

    String digest(String workflow, Path file, int line, String where) {
        Path path;
        try {
            path = workspaceRoot.resolve(workflow).normalize();
        } catch (InvalidPathException e) {
            throw InvalidInputException.at(file, line, where + ": workflow: not a usable path (" + e.getReason() + ")");
        }
        if (!Files.isRegularFile(path)) {
            throw InvalidInputException.at(file, line, where + ": workflow file " + workflow + " does not exist");
        }
        return digests.computeIfAbsent(path, p -> sha256(p, file, line, where));
    }

    private static String sha256(Path path, Path file, int line, String where) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (IOException e) {
            throw InvalidInputException.at(file, line, where + ": workflow file cannot be read (" + e.getMessage() + ")");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
