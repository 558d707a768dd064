package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerDiscoveryTest {

    @Test
    void theDockerRunnerIsFoundByNameThroughServiceLoader() {
        var provider = Runners.find("docker");
        assertThat(provider).isInstanceOf(DockerRunnerProvider.class);
        try (Runner runner = provider.create(new RunnerSettings(Path.of("."), Map.of(), Map.of()))) {
            assertThat(runner.name()).isEqualTo("docker");
            assertThat(runner.context()).isEqualTo("container");
        }
    }
}
