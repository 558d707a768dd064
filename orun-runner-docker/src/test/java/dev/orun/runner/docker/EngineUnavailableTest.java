package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.OrunException;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an engine the runner refuses to start, before any job, saying what it tried. */
class EngineUnavailableTest {

    @TempDir
    Path workspace;

    private OrunException checkFails(Map<String, String> hostEnv) {
        DockerRunner runner = new DockerRunner(new RunnerSettings(workspace, Map.of(), hostEnv));
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(runner::checkAvailable);
        assertThat(thrown).isInstanceOf(OrunException.class);
        return (OrunException) thrown;
    }

    @Test
    void aMissingSocketFailsWithExitCodeTwoAndSaysWhatWasTried() {
        OrunException error = checkFails(Map.of("DOCKER_HOST", "unix:///nonexistent.sock", "HOME", workspace.toString()));
        assertThat(error.exitCode()).isEqualTo(2);
        assertThat(error.getMessage())
                .contains("no Docker engine is reachable")
                .contains("DOCKER_HOST (unix:///nonexistent.sock)")
                .contains("does not exist")
                .contains("lookup order: DOCKER_HOST, then the current Docker context")
                .doesNotContain("\n");
    }

    @Test
    void nothingListeningOnATcpAddressFailsTheSameWay() {
        OrunException error = checkFails(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1", "HOME", workspace.toString()));
        assertThat(error.exitCode()).isEqualTo(2);
        assertThat(error.getMessage()).contains("tcp://127.0.0.1:1");
    }

    @Test
    void aSocketThatIsNotAnEngineFails() throws Exception {
        // A plain file where the socket should be: exists, but no engine answers.
        Path fake = Files.writeString(workspace.resolve("docker.sock"), "");
        OrunException error = checkFails(Map.of("DOCKER_HOST", "unix://" + fake, "HOME", workspace.toString()));
        assertThat(error.exitCode()).isEqualTo(2);
        assertThat(error.getMessage()).contains(fake.toString());
    }

    @Test
    void describeNeedsNoEngine() throws Exception {
        DockerRunner runner = new DockerRunner(new RunnerSettings(workspace, Map.of("image", "alpine:3.20"),
                Map.of("DOCKER_HOST", "unix:///nonexistent.sock")));
        var job = Plans.job("api@dev.build", "ubuntu-22.04", Plans.run("a", "true"),
                Plans.runIn("lint", "true", "node:20"));
        Path sub = workspace.resolve("services/api");
        var lines = runner.describe(new dev.orun.core.runner.JobContext("e1", job, workspace, sub, Map.of(), false));
        assertThat(lines).containsExactly(
                "image   alpine:3.20 (default image (runsOn ubuntu-22.04); pull if-not-present)",
                "mount   " + workspace.toRealPath() + " -> /workspace",
                "workdir /workspace/services/api",
                "step    lint in node:20 (own container)");
    }
}
