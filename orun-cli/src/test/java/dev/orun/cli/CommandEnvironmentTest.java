package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands read the environment they are given, not the JVM's, so what CI changes is tested
 * in-process; picocli checks the flags that exclude each other.
 */
class CommandEnvironmentTest {

    @TempDir
    Path root;

    /** The test JVM's variables without any CI marker (this suite itself may run in CI). */
    private static Map<String, String> outsideCi() {
        Map<String, String> env = new HashMap<>(System.getenv());
        List.of("CI", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "BUILDKITE", "JENKINS_URL",
                "TF_BUILD", "TEAMCITY_VERSION", "ORUN_EXEC_ID", "ORUN_RUNNER").forEach(env::remove);
        return env;
    }

    private String intent() {
        return new TestWorkspace(root).component("api", "echo built").write().intent().toString();
    }

    private String metadata(String execId) throws Exception {
        return Files.readString(root.resolve(".orun/executions/" + execId + "/metadata.json"));
    }

    @Test
    void aRunUnderCiIsRecordedWithTheCiTriggerAndNamedByOrunExecId() throws Exception {
        Map<String, String> env = outsideCi();
        env.put("CI", "true");
        env.put("ORUN_EXEC_ID", "from-the-environment");

        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(metadata("from-the-environment")).contains("\"trigger\": \"ci\"");
    }

    @Test
    void aRunOutsideCiIsManualAndTheExecIdFlagBeatsTheVariable() throws Exception {
        Map<String, String> env = outsideCi();
        env.put("ORUN_EXEC_ID", "from-the-environment");

        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent(), "--exec-id", "from-flag");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(metadata("from-flag")).contains("\"trigger\": \"manual\"");
        assertThat(root.resolve(".orun/executions/from-the-environment")).doesNotExist();
    }

    @Test
    void orunRunnerFromTheGivenEnvironmentPicksTheRunner() {
        Map<String, String> env = outsideCi();
        env.put("ORUN_RUNNER", "no-such-runner");

        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("unknown runner \"no-such-runner\"");
    }

    @Test
    void flagsThatExcludeEachOtherAreRefusedBeforeAnythingRuns() {
        String intent = intent();

        Cli both = Cli.run(CliEnvironment.of(outsideCi()), "run", "-i", intent, "--dry-run",
                "--background");
        Cli isolation = Cli.run(CliEnvironment.of(outsideCi()), "run", "-i", intent,
                "--isolation", "sometimes");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--dry-run", "--background", "mutually exclusive");
        assertThat(isolation.exitCode()).isEqualTo(2);
        assertThat(isolation.err()).contains("sometimes", "AUTO", "WORKSPACE", "NONE");
        assertThat(root.resolve(".orun")).doesNotExist();
    }

    @Test
    void statusAndLogsReadRemoteStateFromTheGivenEnvironment() {
        Map<String, String> env = outsideCi();
        env.put("ORUN_REMOTE_STATE", "true");

        for (String command : List.of("status", "logs")) {
            Cli cli = Cli.run(CliEnvironment.of(env), command);

            assertThat(cli.exitCode()).as(command).isEqualTo(2);
            assertThat(cli.err()).as(command).contains("--remote-state needs the run's execution id");
        }
    }
}
