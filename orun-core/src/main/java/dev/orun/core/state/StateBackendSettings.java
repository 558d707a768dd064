package dev.orun.core.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a state backend keeps or finds its state. Made by the embedding API or the CLI, read by a
 * {@link StateBackendProvider} when it opens a backend (any thread).
 *
 * @param orunDir     the workspace's {@code .orun} directory (the file backend's records live
 *                    under it; other backends may keep caches there)
 * @param options     backend options, e.g. {@code backendUrl} for the remote backend
 * @param environment the host environment (tokens, CI variables), passed in rather than read
 */
public record StateBackendSettings(Path orunDir, Map<String, String> options, Map<String, String> environment) {

    public StateBackendSettings {
        orunDir = orunDir.toAbsolutePath().normalize();
        options = options == null ? Map.of() : Map.copyOf(options);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static StateBackendSettings of(Path orunDir) {
        return new StateBackendSettings(orunDir, Map.of(), Map.of());
    }
}
