package dev.orun.plan.changes;

import static dev.orun.plan.changes.Fixture.base;
import static dev.orun.plan.changes.Fixture.detect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an edit of intent.yaml selects, by what it changed rather than by the file. */
class IntentChangeTest {

    @TempDir
    Path root;
    GitRepo repo;
    String intent;

    @BeforeEach
    void monorepo() {
        repo = Fixture.monorepo(root);
        repo.git("checkout", "-q", "-b", "feature");
        intent = repo.git("show", "HEAD:intent.yaml");
    }

    private void editIntent(String from, String to) {
        assertThat(intent).contains(from);
        repo.write("intent.yaml", intent.replace(from, to)).commitAll("edit intent");
    }

    @Test
    void anEnvironmentSettingChangeSelectsTheComponentsInThatEnvironment() {
        editIntent("{greeting: hi}", "{greeting: welcome}");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).containsExactly("api", "web");
        assertThat(set.explanation()).contains("intent.yaml: environment prod changed → api, web");
    }

    @Test
    void anEnvChangeSelectsOnlyTheComponentsThatWatchEnv() {
        editIntent("TEAM: core", "TEAM: platform");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).containsExactly("web");
        assertThat(set.explanation()).contains("intent.yaml: section env changed → watched by web");
    }

    @Test
    void aGroupsChangeWithNoWatchersSelectsNothing() {
        editIntent("{tier: gold}", "{tier: silver}");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).isEmpty();
        assertThat(set.explanation()).contains("intent.yaml: section groups changed → watched by none");
    }

    @Test
    void anInlineComponentChangeSelectsIt() {
        editIntent("message: \"db on {{.environment}}\"", "message: \"database on {{.environment}}\"");

        assertThat(detect(root, base("main")).components()).containsExactly("db");
    }

    @Test
    void formattingCommentsAndMetadataAreNotChanges() {
        String reformatted = "# the platform's intent\n" + intent
                .replace("name: changes-fixture", "name: renamed-fixture")
                .replace("    - {name: local, kind: dir, path: ./stack}", "    - name: local\n      kind: dir\n      path: ./stack");
        repo.write("intent.yaml", reformatted).commitAll("reformat");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.changedFiles()).containsExactly("intent.yaml");
        assertThat(set.components()).isEmpty();
        assertThat(set.explanation()).contains("intent.yaml: no semantic change (formatting, comments or metadata only)");
    }

    @Test
    void underFilesTheWorkingTreeIsComparedWithHead() {
        repo.write("intent.yaml", intent.replace("TEAM: core", "TEAM: platform"));

        assertThat(detect(root, Fixture.files("intent.yaml")).components()).containsExactly("web");
    }

    @Test
    void underFilesWithoutAnEarlierVersionInlineAndWatchingComponentsAreSelected() {
        // The change is committed, so HEAD and the working tree agree: the old text is unknown.
        editIntent("TEAM: core", "TEAM: platform");

        ChangeSet set = detect(root, Fixture.files("intent.yaml"));

        assertThat(set.components()).containsExactly("db", "web");
        assertThat(set.explanation()).anyMatch(l -> l.contains("earlier version unknown"));
    }
}
