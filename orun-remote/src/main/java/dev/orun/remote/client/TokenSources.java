package dev.orun.remote.client;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where the bearer token comes from: {@code ORUN_TOKEN}, else {@code ORUN_TOKEN_FILE} (re-read
 * on every request, refused when group or others may read it). Errors never contain the token.
 */
public final class TokenSources {
    private TokenSources() {
    }

    /** The token source, or an exit-2 error when none is configured. */
    public static Supplier<String> resolve(Map<String, String> env) {
        String token = env.get("ORUN_TOKEN");
        if (token != null && !token.isBlank()) {
            String fixed = token.trim();
            return () -> fixed;
        }
        String file = env.get("ORUN_TOKEN_FILE");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            readFile(path); // fail before anything runs
            return () -> readFile(path);
        }
        throw new InvalidInputException("remote state needs a token: set ORUN_TOKEN or ORUN_TOKEN_FILE "
                + "(create one with: orun-backend token create --org O --project P)");
    }

    static String readFile(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new InvalidInputException(path + ": token file is readable by group or others; chmod 600 it");
            }
            return Files.readString(path).trim();
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read the token file (" + e.getClass().getSimpleName() + ")");
        }
    }
}
