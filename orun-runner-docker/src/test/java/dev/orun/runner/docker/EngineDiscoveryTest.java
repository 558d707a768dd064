package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.OrunException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineDiscoveryTest {

    @TempDir
    Path home;

    private void context(String name, String host) throws Exception {
        Path meta = Files.createDirectories(home.resolve(".docker/contexts/meta").resolve(EngineDiscovery.sha256(name)));
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},"
                + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
    }

    private void currentContext(String name) throws Exception {
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    @Test
    void withNothingConfiguredTheDefaultSocketIsUsed() {
        EngineEndpoint endpoint = new EngineDiscovery(Map.of(), home).discover();
        assertThat(endpoint.host()).isEqualTo(URI.create("unix:///var/run/docker.sock"));
        assertThat(endpoint.source()).isEqualTo("default socket");
    }

    @Test
    void dockerHostWinsOverTheCurrentContext() throws Exception {
        context("colima", "unix:///home/me/.colima/docker.sock");
        currentContext("colima");
        EngineEndpoint endpoint = new EngineDiscovery(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), home).discover();
        assertThat(endpoint.source()).isEqualTo("DOCKER_HOST");
        assertThat(endpoint.host()).isEqualTo(URI.create("tcp://10.0.0.5:2375"));
        assertThat(endpoint.tlsDir()).isEmpty();
    }

    @Test
    void theCurrentContextIsReadFromTheContextStore() throws Exception {
        context("colima", "unix:///home/me/.colima/docker.sock");
        currentContext("colima");
        EngineEndpoint endpoint = new EngineDiscovery(Map.of(), home).discover();
        assertThat(endpoint.source()).isEqualTo("docker context \"colima\"");
        assertThat(endpoint.host()).isEqualTo(URI.create("unix:///home/me/.colima/docker.sock"));
    }

    @Test
    void dockerContextVariableOverridesTheConfigFileAndDockerConfigMovesIt() throws Exception {
        context("remote", "tcp://build-box:2375");
        currentContext("colima");
        Path moved = Files.createDirectories(home.resolve("elsewhere"));
        Files.move(home.resolve(".docker/contexts"), moved.resolve("contexts"));
        EngineEndpoint endpoint = new EngineDiscovery(
                Map.of("DOCKER_CONTEXT", "remote", "DOCKER_CONFIG", moved.toString()), home).discover();
        assertThat(endpoint.host()).isEqualTo(URI.create("tcp://build-box:2375"));
    }

    @Test
    void theDefaultContextMeansTheDefaultSocket() throws Exception {
        currentContext("default");
        assertThat(new EngineDiscovery(Map.of(), home).discover().host()).isEqualTo(EngineDiscovery.DEFAULT_SOCKET);
    }

    @Test
    void aSelectedContextThatDoesNotExistIsAnErrorNamingIt() throws Exception {
        currentContext("gone");
        assertThatThrownBy(() -> new EngineDiscovery(Map.of(), home).discover())
                .isInstanceOf(OrunException.class)
                .hasMessageContaining("docker context \"gone\"")
                .satisfies(e -> assertThat(((OrunException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void tlsSettingsComeWithDockerHost() {
        EngineEndpoint endpoint = new EngineDiscovery(Map.of("DOCKER_HOST", "tcp://box:2376",
                "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/certs"), home).discover();
        assertThat(endpoint.tlsDir()).contains(Path.of("/certs"));
    }

    @Test
    void aMalformedDockerHostIsReported() {
        assertThatThrownBy(() -> new EngineDiscovery(Map.of("DOCKER_HOST", "not an address"), home).discover())
                .isInstanceOf(OrunException.class)
                .hasMessageContaining("DOCKER_HOST=not an address");
    }
}
