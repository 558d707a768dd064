package dev.orun.runner.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A place a Docker engine may listen, and how it was found.
 *
 * @param source where the address came from, e.g. {@code DOCKER_HOST} or {@code docker context "colima"}
 * @param host   {@code unix:///var/run/docker.sock}, {@code tcp://host:2376}, ...
 * @param tlsDir a directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem} when TLS is used
 */
public record EngineEndpoint(String source, URI host, Optional<Path> tlsDir) {

    public boolean isUnixSocket() {
        return "unix".equals(host.getScheme());
    }

    public Path socketPath() {
        return Path.of(host.getPath());
    }

    @Override
    public String toString() {
        return source + " (" + host + ")";
    }
}
