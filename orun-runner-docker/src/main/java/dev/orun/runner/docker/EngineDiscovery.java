package dev.orun.runner.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orun.core.OrunException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Docker engine the way the {@code docker} CLI does, first source that is set wins:
 * <ol>
 *   <li>{@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH} for TLS);</li>
 *   <li>the Docker context named by {@code DOCKER_CONTEXT}, else {@code currentContext} in
 *       {@code $DOCKER_CONFIG/config.json} ({@code ~/.docker}), read from
 *       {@code contexts/meta/<sha256 of name>/meta.json};</li>
 *   <li>the default socket {@code /var/run/docker.sock}.</li>
 * </ol>
 * A source that is set is authoritative: a wrong {@code DOCKER_HOST} is reported, not silently
 * replaced by another engine.
 */
public final class EngineDiscovery {

    public static final URI DEFAULT_SOCKET = URI.create("unix:///var/run/docker.sock");

    private final Map<String, String> env;
    private final Path home;

    public EngineDiscovery(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** Discovery from the host environment, with {@code HOME} (or {@code user.home}) as the home directory. */
    public static EngineDiscovery fromEnvironment(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new EngineDiscovery(env, Path.of(home));
    }

    public EngineEndpoint discover() {
        String dockerHost = value("DOCKER_HOST");
        if (dockerHost != null) {
            URI host = parse(dockerHost, "DOCKER_HOST");
            Optional<Path> tls = isSet("DOCKER_TLS_VERIFY")
                    ? Optional.of(Optional.ofNullable(value("DOCKER_CERT_PATH")).map(Path::of).orElse(configDir()))
                    : Optional.empty();
            return new EngineEndpoint("DOCKER_HOST", host, tls);
        }
        String contextName = Optional.ofNullable(value("DOCKER_CONTEXT")).orElseGet(this::currentContext);
        if (contextName != null && !"default".equals(contextName)) {
            return fromContext(contextName);
        }
        return new EngineEndpoint("default socket", DEFAULT_SOCKET, Optional.empty());
    }

    /** The order this class follows, for error messages. */
    public static String order() {
        return "DOCKER_HOST, then the current Docker context (DOCKER_CONTEXT or ~/.docker/config.json), "
                + "then " + DEFAULT_SOCKET;
    }

    private EngineEndpoint fromContext(String name) {
        String source = "docker context \"" + name + "\"";
        String digest = sha256(name);
        Path meta = configDir().resolve("contexts").resolve("meta").resolve(digest).resolve("meta.json");
        JsonNode endpoint;
        try {
            endpoint = new ObjectMapper().readTree(meta.toFile()).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw unavailable(source + " is selected but " + meta + " cannot be read: " + e.getMessage());
        }
        String host = endpoint.path("Host").asText("");
        if (host.isBlank()) {
            throw unavailable(source + " is selected but " + meta + " has no Endpoints.docker.Host");
        }
        Path tls = configDir().resolve("contexts").resolve("tls").resolve(digest).resolve("docker");
        boolean useTls = host.startsWith("tcp:") && Files.isRegularFile(tls.resolve("ca.pem"));
        return new EngineEndpoint(source, parse(host, source), useTls ? Optional.of(tls) : Optional.empty());
    }

    private String currentContext() {
        Path config = configDir().resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            String name = new ObjectMapper().readTree(config.toFile()).path("currentContext").asText("");
            return name.isBlank() ? null : name;
        } catch (IOException e) {
            throw unavailable(config + " is not valid JSON: " + e.getMessage());
        }
    }

    private Path configDir() {
        String dir = value("DOCKER_CONFIG");
        return dir != null ? Path.of(dir) : home.resolve(".docker");
    }

    private String value(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private boolean isSet(String name) {
        String v = value(name);
        return v != null && !"0".equals(v) && !"false".equalsIgnoreCase(v);
    }

    private static URI parse(String host, String source) {
        try {
            URI uri = URI.create(host);
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("no scheme");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw unavailable(source + "=" + host + " is not an address like unix:///var/run/docker.sock or tcp://host:2375");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static OrunException unavailable(String message) {
        return new OrunException(OrunException.EXIT_INVALID, "docker runner: " + message);
    }
}
