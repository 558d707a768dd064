package dev.orun.runner.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.orun.core.OrunException;
import java.util.List;
import java.util.Map;

/**
 * The real Docker engine the tests run against, found like the runner finds it. Tests are skipped
 * only when no engine answers or the test image cannot be built; a missing image is built first.
 */
final class TestEngine {

    /** Built by scripts/docker-test-image.sh from the host's static busybox (no registry needed). */
    static final String IMAGE = TestImage.NAME;

    private static DockerClient client;

    private TestEngine() {
    }

    static synchronized DockerClient require() {
        if (client == null) {
            Map<String, String> env = System.getenv();
            EngineEndpoint endpoint = EngineDiscovery.fromEnvironment(env).discover();
            try {
                EngineConnection.ping(endpoint, env);
            } catch (OrunException e) {
                assumeTrue(false, "skipped: no Docker engine reachable (" + e.getMessage()
                        + "); run scripts/start-dockerd.sh, as .ci/run does");
            }
            client = EngineConnection.open(endpoint, env);
        }
        TestImage.ensure().ifPresent(why -> assumeTrue(false, "skipped: " + why));
        return client;
    }

    /** The engine's client, or null when no engine answers (for tests that skip themselves). */
    static synchronized DockerClient client() {
        if (client == null) {
            Map<String, String> env = System.getenv();
            EngineEndpoint endpoint = EngineDiscovery.fromEnvironment(env).discover();
            try {
                EngineConnection.ping(endpoint, env);
            } catch (OrunException e) {
                return null;
            }
            client = EngineConnection.open(endpoint, env);
        }
        return client;
    }

    static List<Container> containersOf(String execId) {
        return require().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ContainerLabels.EXEC_ID, execId)).exec();
    }
}
