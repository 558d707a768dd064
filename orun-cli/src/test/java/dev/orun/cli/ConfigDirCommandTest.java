package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * go-orun-plan.md §5.6: {@code -c/--config-dir} (global) is the legacy composition directory, the
 * same as {@code ORUN_CONFIG_DIR} (§3.1, §3.3 "Legacy --config-dir layout"). Accepted before the
 * command and on it; relative to the current directory.
 */
class ConfigDirCommandTest {

    @TempDir
    Path dir;
    @TempDir
    Path legacy;

    Path intent;

    @BeforeEach
    void legacyWorkspace() throws IOException {
        intent = dir.resolve("intent.yaml");
        Files.writeString(intent, """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: legacy}
                environments: {dev: {}}
                components:
                  - {name: api, type: shell, subscribe: {environments: [dev]}}
                """);
        Files.createDirectories(legacy.resolve("shell"));
        Files.writeString(legacy.resolve("shell/compositions.yaml"), """
                kind: JobRegistry
                jobs:
                  - name: build
                    steps: [{name: compile, run: echo compiled}]
                """);
        Files.writeString(legacy.resolve("shell/schema.yaml"), "type: object\n");
    }

    @Test
    void planWithConfigDirCompilesTheLegacyCompositions() throws IOException {
        Cli cli = Cli.run("plan", "-i", intent.toString(), "--config-dir", legacy.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(dir.resolve(".orun/plans/latest.json")))
                .contains("\"id\": \"api@dev.build\"").contains("echo compiled");
    }

    @Test
    void theShortFlagBeforeTheCommandWorksForValidate() {
        Cli cli = Cli.run("-c", legacy.toString(), "validate", "-i", intent.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("is valid: 1 component × 1 env → 1 job");
    }

    @Test
    void withoutTheConfigDirTheTypeIsUnknown() {
        Cli cli = Cli.run("validate", "-i", intent.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("intent.yaml:6: component \"api\" has unknown type \"shell\"");
    }

    /** Commands read the environment they are given (docs/decisions/commands-receive-their-environment.md). */
    @Test
    void orunConfigDirInTheGivenEnvironmentWorksLikeTheFlagForValidateAndPlan() throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ORUN_CONFIG_DIR", legacy.toString());

        Cli validate = Cli.run(CliEnvironment.of(env), "validate", "-i", intent.toString());
        Cli plan = Cli.run(CliEnvironment.of(env), "plan", "-i", intent.toString());

        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("is valid: 1 component × 1 env → 1 job");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(Files.readString(dir.resolve(".orun/plans/latest.json"))).contains("echo compiled");
    }
}
