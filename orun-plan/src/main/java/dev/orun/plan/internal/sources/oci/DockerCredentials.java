package dev.orun.plan.internal.sources.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}), as the Go planner reads them: the {@code auths} entry for the
 * registry host, either {@code auth} (base64 {@code user:password}) or {@code username} and
 * {@code password}. Credential helpers are not consulted. Values are never put into messages.
 */
final class DockerCredentials {

    private DockerCredentials() {
    }

    /** The {@code Basic} authorization value for {@code host}, if config.json has one. */
    static Optional<String> basicFor(String host, Map<String, String> env) {
        Path config = configFile(env);
        if (config == null || !Files.isRegularFile(config)) {
            return Optional.empty();
        }
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(Files.readString(config, StandardCharsets.UTF_8)).path("auths");
        } catch (IOException e) {
            throw new OciException("cannot read Docker credentials " + config + ": not valid JSON");
        }
        for (String key : new String[] {host, "https://" + host, "http://" + host, "https://" + host + "/v2/"}) {
            JsonNode entry = auths.path(key);
            if (entry.isObject()) {
                return encoded(entry);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> encoded(JsonNode entry) {
        String auth = entry.path("auth").asText("");
        if (!auth.isBlank()) {
            return Optional.of("Basic " + auth.strip());
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static Path configFile(Map<String, String> env) {
        String dockerConfig = env.get("DOCKER_CONFIG");
        if (dockerConfig != null && !dockerConfig.isBlank()) {
            return Path.of(dockerConfig, "config.json");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return home == null ? null : Path.of(home, ".docker", "config.json");
    }
}
