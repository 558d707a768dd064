package dev.orun.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Same inputs → byte-identical plan, wherever and whenever it is compiled. */
@Tag("slow")
class ChecksumStabilityTest {

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    private byte[] compileBytes(Path root, Path cwd) {
        Workspace workspace = Workspace.discover(cwd, cwd.equals(root) || cwd.startsWith(root) ? null
                : root.resolve("intent.yaml"));
        return PlanJson.toBytes(new Planner(workspace).compile(PlanRequest.full()).plan());
    }

    @Test
    void compilingTwiceGivesTheSameBytes() {
        Fixtures.copy("profiles", dir);

        assertThat(compileBytes(dir, dir)).isEqualTo(compileBytes(dir, dir));
    }

    @Test
    void theWorkingDirectoryDoesNotMatter() {
        Fixtures.copy("profiles", dir);
        byte[] fromRoot = compileBytes(dir, dir);

        assertThat(compileBytes(dir, dir.resolve("services/api"))).isEqualTo(fromRoot);
        assertThat(compileBytes(dir, elsewhere)).isEqualTo(fromRoot);
    }

    @Test
    void touchingEveryFileDoesNotChangeThePlan() throws IOException {
        Fixtures.copy("precedence", dir);
        byte[] before = compileBytes(dir, dir);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(3600)));
            }
        }

        assertThat(compileBytes(dir, dir)).isEqualTo(before);
    }

    @Test
    void anotherCopyOfTheWorkspaceGivesTheSameChecksum() {
        Fixtures.copy("demo", dir);
        Fixtures.copy("demo", elsewhere);

        assertThat(compileBytes(elsewhere, elsewhere)).isEqualTo(compileBytes(dir, dir));
    }

    @Test
    void checksumCoversTheCanonicalJson() {
        Fixtures.copy("demo", dir);
        Plan plan = new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full()).plan();

        assertThat(PlanJson.checksum(plan)).isEqualTo(plan.metadata().checksum());
        assertThat(plan.planId()).isEqualTo(plan.metadata().checksum().substring("sha256-".length(), "sha256-".length() + 12));
    }

    @Test
    void gitHeadAndDirtyFlagAreRecordedAndUntrackedFilesDoNotCount() throws Exception {
        Fixtures.copy("demo", dir);
        String head;
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("demo").setAuthor("t", "t@example.com")
                    .setCommitter("t", "t@example.com").setSign(false).call().name();
        }
        Fixtures.write(dir.resolve("notes.txt"), "untracked");
        Plan clean = new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full()).plan();

        assertThat(clean.metadata().source().commit()).isEqualTo(head);
        assertThat(clean.metadata().source().dirty()).isFalse();

        Fixtures.replace(dir.resolve("intent.yaml"), "TEAM: core", "TEAM: edge");
        Plan dirty = new Planner(Workspace.discover(dir, null)).compile(PlanRequest.full()).plan();
        assertThat(dirty.metadata().source().dirty()).isTrue();
    }

    @Test
    void aLinkedGitWorktreeRecordsItsHeadToo() throws Exception {
        Fixtures.copy("demo", dir);
        git(dir, "init", "-q", "-b", "main");
        git(dir, "add", ".");
        git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "demo");
        Path linked = elsewhere.resolve("linked");
        git(dir, "worktree", "add", "-q", linked.toString());
        String head = git(linked, "rev-parse", "HEAD");

        Plan plan = new Planner(Workspace.discover(linked, null)).compile(PlanRequest.full()).plan();

        assertThat(plan.metadata().source().commit()).isEqualTo(head);
        assertThat(plan.metadata().source().dirty()).isFalse();
    }

    private static String git(Path dir, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
