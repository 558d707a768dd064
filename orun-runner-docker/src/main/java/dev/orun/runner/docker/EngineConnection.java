package dev.orun.runner.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.orun.core.OrunException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Opens docker-java clients for an endpoint, and checks that an engine answers there, turning the
 * usual failures (no socket, permission denied, nothing listening) into one clear line.
 */
final class EngineConnection {

    private static final System.Logger LOG = System.getLogger(EngineConnection.class.getName());

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(15);

    private EngineConnection() {
    }

    /** A client for long-running work: no response timeout (a step may stream for hours). */
    static DockerClient open(EngineEndpoint endpoint, Map<String, String> env) {
        return client(endpoint, env, null);
    }

    /** Fails with exit code 2, saying what was tried, unless an engine answers a ping at the endpoint. */
    static void ping(EngineEndpoint endpoint, Map<String, String> env) {
        String problem = socketProblem(endpoint);
        if (problem == null) {
            try (DockerClient client = client(endpoint, env, PING_TIMEOUT)) {
                client.pingCmd().exec();
                return;
            } catch (Exception e) {
                problem = describe(e);
            }
        }
        throw new OrunException(OrunException.EXIT_INVALID, "docker runner: no Docker engine is reachable; tried "
                + endpoint + ": " + problem + " (lookup order: " + EngineDiscovery.order()
                + "; start dockerd or point DOCKER_HOST at a running engine)");
    }

    /** What is wrong with a unix socket before we even connect, or null when it looks usable. */
    static String socketProblem(EngineEndpoint endpoint) {
        if (!endpoint.isUnixSocket()) {
            return null;
        }
        Path socket = endpoint.socketPath();
        if (!Files.exists(socket)) {
            return "socket " + socket + " does not exist";
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return permissionDenied(socket);
        }
        return null;
    }

    private static String permissionDenied(Path socket) {
        return "permission denied on " + socket + " (add your user to the socket's group, usually \"docker\", "
                + "and log in again; or use a rootless engine through DOCKER_HOST)";
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            root = t;
            if (t.getMessage() != null) {
                text.append(' ').append(t.getMessage());
            }
        }
        String all = text.toString().toLowerCase(Locale.ROOT);
        if (all.contains("permission denied") || all.contains("[13]") || all.contains("eacces")) {
            return "permission denied";
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ').strip();
    }

    private static DockerClient client(EngineEndpoint endpoint, Map<String, String> env, Duration responseTimeout) {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(endpoint.tlsDir().isPresent());
        endpoint.tlsDir().ifPresent(dir -> config.withDockerCertPath(dir.toString()));
        String configDir = env.get("DOCKER_CONFIG");
        if (configDir != null && !configDir.isBlank()) {
            config.withDockerConfig(configDir);
        }
        DefaultDockerClientConfig built = config.build();
        ZerodepDockerHttpClient.Builder http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(built.getDockerHost())
                .connectionTimeout(CONNECT_TIMEOUT)
                .maxConnections(64);
        endpoint.tlsDir().ifPresent(dir -> http.sslConfig(new LocalDirectorySSLConfig(dir.toString())));
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        DockerHttpClient httpClient = http.build();
        return DockerClientImpl.getInstance(built, httpClient);
    }

    static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // closing a client that failed to connect has nothing left to release
            LOG.log(System.Logger.Level.DEBUG, "closing the Docker client", e);
        }
    }
}
