package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the workspace root from the current directory. */
class WorkspaceTest {

    @TempDir
    Path dir;

    @Test
    void walksUpToTheNearestIntentFile() throws IOException {
        Fixtures.write(dir.resolve("intent.yaml"), "kind: Intent\n");
        Path deep = Files.createDirectories(dir.resolve("a/b/c"));

        Workspace workspace = Workspace.discover(deep, null);

        assertThat(workspace.root()).isEqualTo(dir.toRealPath());
        assertThat(workspace.intentFile()).isEqualTo(dir.toRealPath().resolve("intent.yaml"));
        assertThat(workspace.orunDir()).isEqualTo(dir.toRealPath().resolve(".orun"));
    }

    @Test
    void prefersIntentYamlOverIntentYml() {
        Fixtures.write(dir.resolve("intent.yml"), "kind: Intent\n");
        assertThat(Workspace.discover(dir, null).intentFile().getFileName().toString()).isEqualTo("intent.yml");

        Fixtures.write(dir.resolve("intent.yaml"), "kind: Intent\n");
        assertThat(Workspace.discover(dir, null).intentFile().getFileName().toString()).isEqualTo("intent.yaml");
    }

    @Test
    void stopsAtTheGitTopLevel() throws IOException {
        Fixtures.write(dir.resolve("intent.yaml"), "kind: Intent\n");
        Path repo = Files.createDirectories(dir.resolve("repo/.git")).getParent();
        Path inside = Files.createDirectories(repo.resolve("src"));

        assertThatThrownBy(() -> Workspace.discover(inside, null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no intent.yaml found");
    }

    @Test
    void anExplicitIntentFileDecidesTheRoot() throws IOException {
        Fixtures.write(dir.resolve("platform/custom.yaml"), "kind: Intent\n");
        Path other = Files.createDirectories(dir.resolve("other"));

        Workspace workspace = Workspace.discover(other, Path.of("../platform/custom.yaml"));

        assertThat(workspace.root()).isEqualTo(dir.toRealPath().resolve("platform"));
        assertThatThrownBy(() -> Workspace.discover(other, Path.of("missing.yaml")))
                .hasMessage("missing.yaml: intent file does not exist");
    }
}
