package dev.orun.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Flags that become runner options ({@link dev.orun.core.runner.RunnerSettings#options()}). The
 * named ones are the Docker runner's; {@code --runner-option} passes anything to a plugin runner.
 */
final class RunnerOptionFlags {

    @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "${env:ORUN_DOCKER_PULL}",
            description = "Docker image pull policy: if-not-present (default), always, never (or $ORUN_DOCKER_PULL)")
    String pull;

    @Option(names = "--docker-image", paramLabel = "IMAGE", defaultValue = "${env:ORUN_DOCKER_IMAGE}",
            description = "Docker image for jobs whose runsOn is empty or a GitHub runner label (or $ORUN_DOCKER_IMAGE)")
    String image;

    @Option(names = "--docker-user", paramLabel = "USER", defaultValue = "${env:ORUN_DOCKER_USER}",
            description = "Run Docker steps as USER: host (your uid:gid), UID[:GID] or a name (or $ORUN_DOCKER_USER)")
    String user;

    @Option(names = "--runner-option", paramLabel = "KEY=VALUE",
            description = "An option for the selected runner (repeatable)")
    Map<String, String> generic = new LinkedHashMap<>();

    /** The options map; a named flag wins over the same key given with --runner-option. */
    Map<String, String> toMap() {
        Map<String, String> options = new LinkedHashMap<>();
        generic.forEach((key, value) -> options.put(key.trim(), value));
        putIfSet(options, "pull", pull);
        putIfSet(options, "image", image);
        putIfSet(options, "user", user);
        return options;
    }

    private static void putIfSet(Map<String, String> options, String key, String value) {
        if (value != null && !value.isBlank()) {
            options.put(key, value.trim());
        }
    }
}
