package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerOptionsTest {

    private static DockerOptions options(Map<String, String> options, Map<String, String> env) {
        return DockerOptions.from(new RunnerSettings(Path.of("."), options, env));
    }

    @Test
    void defaultsPullIfNotPresentWithTheImagesUser() {
        DockerOptions options = options(Map.of(), Map.of());
        assertThat(options.pull()).isEqualTo(PullPolicy.IF_NOT_PRESENT);
        assertThat(options.defaultImage()).isEmpty();
        assertThat(options.user()).isEmpty();
    }

    @Test
    void optionsWinOverEnvironmentVariables() {
        DockerOptions options = options(Map.of("pull", "never", "image", "a:1"),
                Map.of("ORUN_DOCKER_PULL", "always", "ORUN_DOCKER_IMAGE", "b:2", "ORUN_DOCKER_USER", "1000:1000"));
        assertThat(options.pull()).isEqualTo(PullPolicy.NEVER);
        assertThat(options.defaultImage()).contains("a:1");
        assertThat(options.user()).contains("1000:1000");
        assertThat(options(Map.of(), Map.of("ORUN_DOCKER_PULL", "Always")).pull()).isEqualTo(PullPolicy.ALWAYS);
    }

    @Test
    void userHostBecomesThisProcessUidAndGid() {
        assertThat(options(Map.of("user", "host"), Map.of()).user().orElseThrow()).matches("\\d+:\\d+");
    }

    @Test
    void anUnknownPullPolicyIsBadInputNamingItsSource() {
        assertThatThrownBy(() -> options(Map.of(), Map.of("ORUN_DOCKER_PULL", "sometimes")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("ORUN_DOCKER_PULL: invalid pull policy \"sometimes\" (expected always, never or if-not-present)");
        assertThatThrownBy(() -> options(Map.of("pull", "x"), Map.of()))
                .hasMessageStartingWith("docker runner option pull: invalid pull policy \"x\"");
    }
}
