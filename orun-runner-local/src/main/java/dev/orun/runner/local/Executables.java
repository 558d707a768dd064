package dev.orun.runner.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Programs found on the host {@code PATH}, each looked up once per run. Without this the JDK
 * resolves {@code sh} for every step by trying each {@code PATH} entry in turn (a failed
 * {@code execve} per entry before the one that works).
 */
public final class Executables {

    private final String path;
    private final Map<String, Optional<Path>> found = new ConcurrentHashMap<>();

    /** @param hostEnvironment the environment whose {@code PATH} is searched */
    public Executables(Map<String, String> hostEnvironment) {
        this.path = hostEnvironment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    }

    /** The absolute path of {@code name} (searched once), or {@code name} itself if not found or already a path. */
    public String resolve(String name) {
        return find(name).map(Path::toString).orElse(name);
    }

    /** The absolute path of {@code name}; empty when no {@code PATH} entry has it. */
    public Optional<Path> find(String name) {
        if (name.indexOf('/') >= 0) {
            return Optional.of(Path.of(name));
        }
        return found.computeIfAbsent(name, this::search);
    }

    private Optional<Path> search(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    String searchPath() {
        return path;
    }
}
