package dev.orun.remote.auth;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The per-user directory holding the CLI session and the repository links: {@code $ORUN_HOME},
 * else {@code $HOME/.orun} (the same {@code HOME} convention as the runner plugins directory).
 * Created with mode 0700 the first time something is written to it.
 */
public record OrunHome(Path dir) {

    public static OrunHome from(Map<String, String> env) {
        String explicit = env.get("ORUN_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return new OrunHome(Path.of(explicit));
        }
        String home = env.get("HOME");
        return new OrunHome(Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".orun"));
    }

    public Path credentials() {
        return dir.resolve("credentials.json");
    }

    public Path config() {
        return dir.resolve("config.yaml");
    }


    /** The directory, created private (0700) when missing. */
    Path ensure() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot create the orun home directory (" + e.getClass().getSimpleName() + ")");
        }
    }
}
