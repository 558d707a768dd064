package dev.orun.runner.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.contract.RunnerContract;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

/**
 * The Docker runner keeps the runner contract, against the real engine and the locally imported
 * busybox image; skipped with a message where there is no engine or no test image.
 */
@Tag("slow")
class DockerRunnerContractTest extends RunnerContract {

    private static final Map<String, String> OPTIONS = Map.of("image", TestEngine.IMAGE,
            "pull", "never");

    @Override
    protected Runner newRunner(Path workspace) {
        requireEngineAndImage();
        DockerRunner runner = new DockerRunner(new RunnerSettings(workspace, OPTIONS, System.getenv()));
        runner.checkAvailable();
        return runner;
    }

    @Override
    protected Runner newRunnerWithServicesAt(Path workspace, InetSocketAddress address) {
        Map<String, String> host = new HashMap<>(System.getenv());
        host.remove("DOCKER_CONTEXT");
        host.put("DOCKER_HOST", "tcp://" + address.getHostString() + ":" + address.getPort());
        return new DockerRunner(new RunnerSettings(workspace, OPTIONS, host));
    }

    @AfterEach
    void removeLeftContainers() {
        if (engineAnswers()) {
            TestEngine.containersOf(execId()).forEach(c ->
                    TestEngine.require().removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    private static void requireEngineAndImage() {
        assumeTrue(engineAnswers(), "skipped: no Docker engine reachable; run "
                + "scripts/start-dockerd.sh, as .ci/run does");
        try {
            TestEngine.client().inspectImageCmd(TestEngine.IMAGE).exec();
        } catch (NotFoundException e) {
            assumeTrue(false, "skipped: the Docker engine has no image " + TestEngine.IMAGE
                    + "; run scripts/docker-test-image.sh");
        }
    }

    private static boolean engineAnswers() {
        return TestEngine.client() != null;
    }
}
