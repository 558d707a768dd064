package dev.orun.plan.changes;

import static dev.orun.plan.changes.Fixture.base;
import static dev.orun.plan.changes.Fixture.detect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests fail with one line and exit code 2, and never guess. */
class ChangeErrorsTest {

    @TempDir
    Path root;

    private static void assertOneLineExit2(Throwable e) {
        assertThat(e).isInstanceOf(InvalidInputException.class);
        assertThat(((OrunException) e).exitCode()).isEqualTo(2);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void aBaseRefThatDoesNotExistIsNamedWithTheBranchesThatDo() {
        GitRepo repo = Fixture.monorepo(root);
        repo.git("checkout", "-q", "-b", "feature");

        assertThatThrownBy(() -> detect(root, base("develop")))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessage("git ref \"develop\" not found; branches here: feature, main");
    }

    @Test
    void aFilesPathOutsideTheWorkspaceIsRejected() {
        Fixture.monorepo(root);

        assertThatThrownBy(() -> detect(root, Fixture.files("services/api/main.sh", "../elsewhere/x.txt")))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageStartingWith("--files: ../elsewhere/x.txt is outside the workspace");
        assertThatThrownBy(() -> detect(root, Fixture.files("/etc/passwd")))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageContaining("/etc/passwd is outside the workspace");
    }

    @Test
    void uncommittedOutsideAGitRepositoryIsRejected() {
        Fixture.copyTree(Fixture.resource("changes/monorepo"), root);

        assertThatThrownBy(() -> detect(root, Fixture.workingTree(true, false)))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageStartingWith("--uncommitted needs a git repository, and ")
                .hasMessageEndingWith("is not inside one (pass the changed files with --files instead)");
        assertThatThrownBy(() -> detect(root, Fixture.defaults()))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageStartingWith("--changed needs a git repository");
    }

    @Test
    void filesWorkWithoutGit() {
        Fixture.copyTree(Fixture.resource("changes/monorepo"), root);

        assertThat(detect(root, Fixture.files("services/web/index.js", "./services/api/../api/main.sh"))
                .components()).containsExactly("api", "web");
    }

    @Test
    void conflictingOptionsAreRejected() {
        Fixture.monorepo(root);
        List<ChangeRequest> bad = List.of(
                new ChangeRequest(true, null, null, List.of("a"), true, false, false),
                new ChangeRequest(true, "main", null, List.of("a"), false, false, false),
                new ChangeRequest(true, null, "HEAD", List.of(), false, false, false),
                new ChangeRequest(true, "main", "HEAD", List.of(), true, false, false),
                new ChangeRequest(true, "", null, List.of(), false, false, false));
        for (ChangeRequest req : bad) {
            assertThatThrownBy(() -> detect(root, req)).as(req.toString())
                    .satisfies(ChangeErrorsTest::assertOneLineExit2);
        }
        assertThatThrownBy(() -> detect(root, new ChangeRequest(true, null, "HEAD", List.of(), false, false, false)))
                .hasMessage("--head needs --base (the ref to compare it with)");
    }

    @Test
    void aShallowCloneWithoutTheJoiningHistoryFailsWithFetchAdvice(@TempDir Path clones) {
        GitRepo origin = Fixture.monorepo(root);
        origin.git("checkout", "-q", "-b", "feature");
        origin.write("services/api/main.sh", "echo v2").commitAll("api v2");
        origin.git("checkout", "-q", "main");
        origin.write("services/web/index.js", "v2").commitAll("web v2");
        Path clone = clones.resolve("ci");
        GitRepo.at(clones).git("clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "feature",
                "file://" + root, clone.toString());

        assertThatThrownBy(() -> detect(clone, base("main")))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageStartingWith("cannot find the merge base of main (")
                .hasMessageContaining("this is a shallow clone")
                .hasMessageContaining("git fetch --deepen=200 origin main")
                .hasMessageContaining("fetch-depth: 0");

        // Once the history is fetched, the same request works.
        GitRepo.at(clone).git("fetch", "-q", "--unshallow", "origin");
        assertThat(detect(clone, base("main")).components()).containsExactly("api");
    }

    @Test
    void aShallowSingleBranchCloneNamesTheMissingBaseAndHowToFetchIt(@TempDir Path clones) {
        GitRepo origin = Fixture.monorepo(root);
        origin.git("checkout", "-q", "-b", "feature");
        origin.write("services/api/main.sh", "echo v2").commitAll("api v2");
        Path clone = clones.resolve("ci");
        GitRepo.at(clones).git("clone", "-q", "--depth", "1", "--branch", "feature",
                "file://" + root, clone.toString());

        assertThatThrownBy(() -> detect(clone, base("main")))
                .satisfies(ChangeErrorsTest::assertOneLineExit2)
                .hasMessageStartingWith("git ref \"main\" not found; branches here: feature")
                .hasMessageContaining("this is a shallow clone, so fetch it first: git fetch --deepen=200 origin main");
    }
}
