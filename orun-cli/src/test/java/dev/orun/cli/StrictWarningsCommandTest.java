package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warnings reach the user once each as {@code file:line: warning: …}; {@code --strict} turns any
 * warning into exit code 2 with nothing written (docs/decisions/plan-warnings.md).
 */
class StrictWarningsCommandTest {

    private static final String WARNING =
            "services/api/component.yaml:6: warning: component \"api\": \"enabled: false\" has no effect;"
                    + " the component is planned as usual";

    @TempDir
    Path dir;

    TestWorkspace workspace;

    @BeforeEach
    void workspaceWithOneWarning() throws IOException {
        workspace = new TestWorkspace(dir).component("api", "echo api").write();
        Path manifest = dir.resolve("services/api/component.yaml");
        Files.writeString(manifest, Files.readString(manifest)
                .replace("  subscribe:", "  enabled: false\n  subscribe:"));
    }

    @Test
    void validateListsEachWarningOnceWithFileAndLineAndStillSucceeds() {
        Cli cli = Cli.run("validate", "-i", workspace.intent().toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.err().lines().filter(WARNING::equals)).hasSize(1);
        assertThat(cli.out()).contains("is valid").contains("(1 warning)");
    }

    @Test
    void validateStrictExitsTwoWithOneLinePerWarning() {
        Cli cli = Cli.run("validate", "--strict", "-i", workspace.intent().toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(WARNING);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void planWarnsButSavesWithoutStrict() {
        Cli cli = Cli.run("plan", "-i", workspace.intent().toString());

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.err()).contains(WARNING);
        assertThat(dir.resolve(".orun/plans/latest.json")).exists();
    }

    @Test
    void planStrictRefusesAndWritesNoPlan() {
        Cli cli = Cli.run("plan", "--strict", "-i", workspace.intent().toString(), "-o",
                dir.resolve("out.json").toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines()).containsExactly(WARNING);
        assertThat(dir.resolve(".orun")).doesNotExist();
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void runStrictRefusesBeforeAnythingRunsOrIsRecorded() {
        Cli cli = Cli.run("run", "--strict", "-i", workspace.intent().toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(WARNING);
        assertThat(dir.resolve(".orun")).doesNotExist();
    }

    @Test
    void validateListsEveryUnknownKeyWithASuggestionAndStrictRefusesThem() throws IOException {
        Path manifest = dir.resolve("services/api/component.yaml");
        Files.writeString(manifest, Files.readString(manifest).replace("  enabled: false\n", "")
                .replace("  subscribe:", "  dependOn: [{component: db}]\n  subscribe:"));
        Path composition = dir.resolve("stack/compositions/shell/compositions.yaml");
        Files.writeString(composition, Files.readString(composition).replace("        - name: work",
                "        - name: work\n          phse: pre"));

        Cli lenient = Cli.run("validate", "-i", workspace.intent().toString());
        Cli strict = Cli.run("validate", "--strict", "-i", workspace.intent().toString());

        List<String> expected = List.of(
                "services/api/component.yaml:6: warning: unknown key \"dependOn\" in component spec;"
                        + " did you mean \"dependsOn\"?",
                "stack/compositions/shell/compositions.yaml:12: warning: unknown key \"phse\" in a step;"
                        + " did you mean \"phase\"?");
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.err().lines()).containsExactlyElementsOf(expected);
        assertThat(strict.exitCode()).isEqualTo(2);
        assertThat(strict.err().lines()).containsExactlyElementsOf(expected);
    }
}
