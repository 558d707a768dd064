package dev.orun.runner.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The job's workspace as the container sees it: bind-mounted at {@code /workspace}, with host
 * directories inside it mapped to the same relative place under {@code /workspace}.
 */
public final class WorkspaceMount {

    public static final String CONTAINER_PATH = "/workspace";

    private final Path hostRoot;

    public WorkspaceMount(Path hostRoot) {
        this.hostRoot = canonical(hostRoot);
    }

    public Path hostRoot() {
        return hostRoot;
    }

    /** The container path of a host directory, or empty when it lies outside the workspace. */
    public Optional<String> containerPath(Path hostDirectory) {
        Path dir = canonical(hostDirectory);
        if (!dir.startsWith(hostRoot)) {
            return Optional.empty();
        }
        Path relative = hostRoot.relativize(dir);
        if (relative.toString().isEmpty()) {
            return Optional.of(CONTAINER_PATH);
        }
        StringBuilder path = new StringBuilder(CONTAINER_PATH);
        for (Path part : relative) {
            path.append('/').append(part);
        }
        return Optional.of(path.toString());
    }

    /** Symlinks resolved when the path exists (so /tmp → /private/tmp agrees), else just normalised. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }
}
