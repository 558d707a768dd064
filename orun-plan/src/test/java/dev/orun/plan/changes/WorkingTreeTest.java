package dev.orun.plan.changes;

import static dev.orun.plan.changes.Fixture.detect;
import static dev.orun.plan.changes.Fixture.workingTree;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --uncommitted and --untracked look at the working tree against HEAD. */
class WorkingTreeTest {

    @TempDir
    Path root;
    GitRepo repo;

    @BeforeEach
    void monorepoWithLocalEdits() {
        repo = Fixture.monorepo(root);
        repo.write(".gitignore", "*.log\n").commitAll("ignore logs");
        repo.write("services/api/main.sh", "echo staged");
        repo.git("add", "services/api/main.sh");
        repo.write("services/web/index.js", "unstaged");
        repo.write("services/api/plugins/auth/new.sh", "untracked");
        repo.write("services/api/plugins/auth/debug.log", "ignored");
    }

    @Test
    void uncommittedIsStagedPlusUnstaged() {
        ChangeSet set = detect(root, workingTree(true, false));

        assertThat(set.changedFiles()).containsExactly("services/api/main.sh", "services/web/index.js");
        assertThat(set.components()).containsExactly("api", "web");
    }

    @Test
    void untrackedIsNewFilesThatAreNotIgnored() {
        ChangeSet set = detect(root, workingTree(false, true));

        assertThat(set.changedFiles()).containsExactly("services/api/plugins/auth/new.sh");
        assertThat(set.components()).containsExactly("auth");
    }

    @Test
    void bothTogether() {
        assertThat(detect(root, workingTree(true, true)).components()).containsExactly("api", "auth", "web");
    }

    @Test
    void withABaseTheWorkingTreeIsAddedToTheBranchDiff() {
        repo.git("stash", "-q", "--include-untracked");
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("docs/README.md", "committed on the branch").commitAll("docs");
        repo.write("services/web/index.js", "local edit");

        ChangeRequest req = new ChangeRequest(true, "main", null, java.util.List.of(), true, false, false);
        ChangeSet set = detect(root, req);

        assertThat(set.changedFiles()).containsExactly("docs/README.md", "services/web/index.js");
        assertThat(set.components()).containsExactly("web");
    }

    @Test
    void anUncommittedIntentEditIsDiffedAgainstHead() {
        String intent = repo.git("show", "HEAD:intent.yaml");
        repo.write("intent.yaml", intent.replace("{greeting: hello}", "{greeting: hey}"));

        ChangeSet set = detect(root, workingTree(true, false));

        // dev has api, auth and db; the staged/unstaged files add web.
        assertThat(set.components()).containsExactly("api", "auth", "db", "web");
        assertThat(set.explanation()).contains("intent.yaml: environment dev changed → api, auth, db");
    }
}
