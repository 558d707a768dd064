package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.OrunException;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Pull policies against the real engine; no registry is reachable here, which the tests rely on. */
@Tag("slow")
class ImagePolicyTest {

    @TempDir
    Path workspace;

    private final String missing = "orun-test/never-built:" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void engine() {
        TestEngine.require();
    }

    private OrunException startFails(String pull) {
        try (DockerRunner runner = new DockerRunner(new RunnerSettings(workspace, Map.of("pull", pull),
                System.getenv()))) {
            runner.checkAvailable();
            JobContext job = new JobContext("e-" + UUID.randomUUID(), Plans.job("api@dev.build", missing,
                    Plans.run("a", "true")), workspace, workspace, Map.of(), false);
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> runner.startJob(job));
            assertThat(thrown).isInstanceOf(OrunException.class);
            return (OrunException) thrown;
        }
    }

    @Test
    void neverFailsClearlyNamingTheMissingImage() {
        OrunException error = startFails("never");
        assertThat(error).isInstanceOf(ImageUnavailableException.class);
        assertThat(error.getMessage()).isEqualTo("docker runner: image " + missing
                + " is not present in the Docker engine and the pull policy is never "
                + "(load or build it first, or use --pull if-not-present)");
    }

    @Test
    void ifNotPresentTriesToPullAndReportsTheFailureNamingTheImage() {
        OrunException error = startFails("if-not-present");
        assertThat(error.getMessage()).startsWith("docker runner: pulling image " + missing
                + " failed and it is not present locally: ").doesNotContain("Status 500").doesNotContain("\n");
    }

    @Test
    void aPresentImageIsUsedWithoutPullingUnderIfNotPresent() throws Exception {
        try (DockerRunner runner = new DockerRunner(new RunnerSettings(workspace,
                Map.of("pull", "if-not-present", "image", TestEngine.IMAGE), System.getenv()))) {
            JobContext job = new JobContext("e-" + UUID.randomUUID(), Plans.job("api@dev.build", null),
                    workspace, workspace, Map.of(), false);
            runner.startJob(job).close(); // would fail offline if it pulled
        }
    }

    @Test
    void alwaysPullsEvenAPresentImageAndSoFailsOffline() {
        assertThatThrownBy(() -> {
            try (DockerRunner runner = new DockerRunner(new RunnerSettings(workspace,
                    Map.of("pull", "always", "image", TestEngine.IMAGE), System.getenv()))) {
                runner.startJob(new JobContext("e-" + UUID.randomUUID(), Plans.job("api@dev.build", null),
                        workspace, workspace, Map.of(), false));
            }
        }).isInstanceOf(ImageUnavailableException.class)
                .hasMessageStartingWith("docker runner: pulling image " + TestEngine.IMAGE + " failed (pull policy always)");
    }
}
