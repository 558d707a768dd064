package dev.orun.core.runner;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a runner is created with (<b>made by</b> the engine from the run's options, handed to
 * {@link RunnerProvider#create} on the thread that starts the run; immutable): the workspace root (the directory holding {@code intent.yaml}),
 * runner-specific options ({@code pull=never} for Docker, for example) and the process
 * environment, which runners consult for their own discovery (such as {@code DOCKER_HOST}) but
 * never pass wholesale into steps.
 */
public record RunnerSettings(Path workspaceRoot, Map<String, String> options,
                             Map<String, String> hostEnvironment) {

    public RunnerSettings {
        options = Map.copyOf(new TreeMap<>(options == null ? Map.of() : options));
        hostEnvironment = hostEnvironment == null ? Map.of() : Map.copyOf(hostEnvironment);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
