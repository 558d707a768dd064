package dev.orun.plan.changes;

import static dev.orun.plan.changes.Fixture.base;
import static dev.orun.plan.changes.Fixture.detect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed changes on a feature branch, compared with the merge base of main. */
class CommitDiffTest {

    @TempDir
    Path root;
    GitRepo repo;

    @BeforeEach
    void monorepo() {
        repo = Fixture.monorepo(root);
        repo.git("checkout", "-q", "-b", "feature");
    }

    @Test
    void aChangedSourceFileSelectsItsComponent() {
        repo.write("services/api/main.sh", "echo api v2").commitAll("api v2");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).containsExactly("api");
        assertThat(set.changedFiles()).containsExactly("services/api/main.sh");
    }

    @Test
    void commitsOnMainAfterTheBranchPointAreNotChangesOfTheBranch() {
        repo.write("services/api/main.sh", "echo api v2").commitAll("api v2");
        repo.git("checkout", "-q", "main");
        repo.write("services/web/index.js", "console.log('main moved')").commitAll("web on main");
        repo.git("checkout", "-q", "feature");

        assertThat(detect(root, base("main")).components()).containsExactly("api");
    }

    @Test
    void mergingMainIntoTheBranchDoesNotSelectWhatMainChanged() {
        repo.git("checkout", "-q", "main");
        repo.write("services/web/index.js", "console.log('main moved')").commitAll("web on main");
        repo.git("checkout", "-q", "feature");
        repo.write("services/api/plugins/auth/handler.sh", "echo auth v2").commitAll("auth v2");
        repo.git("merge", "-q", "--no-edit", "main");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).containsExactly("auth");
        assertThat(set.changedFiles()).containsExactly("services/api/plugins/auth/handler.sh");
    }

    @Test
    void aRenameCountsForTheComponentsOfBothPaths() {
        repo.write("services/api/shared.sh", "echo shared").commitAll("shared in api");
        repo.git("checkout", "-q", "main");
        repo.git("merge", "-q", "--ff-only", "feature");
        repo.git("checkout", "-q", "-b", "move");
        repo.git("mv", "services/api/shared.sh", "services/web/shared.sh");
        repo.commitAll("move shared to web");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.changedFiles()).containsExactly("services/api/shared.sh", "services/web/shared.sh");
        assertThat(set.components()).containsExactly("api", "web");
    }

    @Test
    void aDeletedFileSelectsTheComponentThatHadIt() {
        repo.delete("services/web/index.js").commitAll("drop web entry point");

        assertThat(detect(root, base("main")).components()).containsExactly("web");
    }

    @Test
    void aNestedComponentIsDistinctFromItsParent() {
        repo.write("services/api/plugins/auth/handler.sh", "echo auth v2").commitAll("auth only");
        assertThat(detect(root, base("main")).components()).containsExactly("auth");

        repo.write("services/api/plugins/README.md", "plugins live here").commitAll("api docs");
        assertThat(detect(root, base("main")).components()).containsExactly("api", "auth");
    }

    @Test
    void aManifestChangeCountsForItsComponent() {
        repo.write("services/web/component.yaml", repo.git("show", "HEAD:services/web/component.yaml")
                .replace("message: web", "message: web2")).commitAll("web parameters");

        assertThat(detect(root, base("main")).components()).containsExactly("web");
    }

    @Test
    void aChangeToACompositionTypeSelectsEveryComponentOfThatType() {
        repo.write("stack/compositions/shell/compositions.yaml", "# changed\n"
                + repo.git("show", "HEAD:stack/compositions/shell/compositions.yaml")).commitAll("shell steps");

        assertThat(detect(root, base("main")).components()).containsExactly("api", "auth", "db");
    }

    @Test
    void aChangeToTheSourceRootSelectsEveryTypeOfThatSource() {
        repo.write("stack/stack.yaml", "# v2\n" + repo.git("show", "HEAD:stack/stack.yaml")).commitAll("stack");

        assertThat(detect(root, base("main")).components()).containsExactly("api", "auth", "db", "web");
    }

    @Test
    void filesOutsideComponentsOrInIgnoredDirectoriesSelectNothing() {
        repo.write("docs/README.md", "# new docs").write("services/web/dist/bundle.js", "built")
                .commitAll("docs and a build output");

        ChangeSet set = detect(root, base("main"));

        assertThat(set.components()).isEmpty();
        assertThat(set.explanation()).contains("  docs/README.md → none (outside every component)",
                "  services/web/dist/bundle.js → none (ignored directory dist)",
                "selected: no components changed");
    }

    @Test
    void includeAlwaysDependenciesComeAlongAndInputDependentsAreRebuiltButPlainDependentsAreNot() {
        OwnershipModel model = Fixture.model();
        OwnershipModel withRules = new OwnershipModel(model.components(), model.compositions(),
                java.util.List.of(new DependencyRule("api", "db", false, false),
                        new DependencyRule("web", "auth", false, true),
                        new DependencyRule("auth", "db", true, false)));
        repo.write("services/api/plugins/auth/handler.sh", "echo auth v2").commitAll("auth v2");

        ChangeSet set = detect(root, base("main"), withRules, java.util.Map.of());

        // auth changed; web uses auth as a build input; auth always needs db; api (a plain
        // dependent of db) stays out.
        assertThat(set.components()).containsExactly("auth", "db", "web");
    }

    @Test
    void aWorkspaceBelowTheRepositoryRootSeesOnlyItsOwnFilesRelativeToItself(@TempDir Path outer) {
        Path ws = outer.resolve("platform");
        Fixture.copyTree(Fixture.resource("changes/monorepo"), ws);
        GitRepo top = GitRepo.init(outer);
        top.write("README.md", "top").commitAll("initial");
        top.git("checkout", "-q", "-b", "feature");
        top.write("README.md", "top v2").write("platform/services/web/index.js", "v2").commitAll("both");

        ChangeSet set = detect(ws, base("main"));

        assertThat(set.changedFiles()).containsExactly("services/web/index.js");
        assertThat(set.components()).containsExactly("web");
    }
}
