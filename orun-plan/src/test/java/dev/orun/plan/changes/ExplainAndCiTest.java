package dev.orun.plan.changes;

import static dev.orun.plan.changes.Fixture.detect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --explain says where the refs came from, what they resolved to, and who owns each file. */
class ExplainAndCiTest {

    @TempDir
    Path root;
    GitRepo repo;
    String mainSha;

    @BeforeEach
    void featureBranch() {
        repo = Fixture.monorepo(root);
        mainSha = repo.head();
        repo.git("checkout", "-q", "-b", "feature");
        repo.write("services/api/main.sh", "echo v2").write("docs/README.md", "v2")
                .write("services/api/plugins/auth/component.yaml",
                        repo.git("show", "HEAD:services/api/plugins/auth/component.yaml") + "  labels: {team: id}\n")
                .commitAll("feature work");
    }

    private static ChangeRequest explain(String base, String head) {
        return new ChangeRequest(true, base, head, List.of(), false, false, true);
    }

    @Test
    void explainNamesTheRefsTheirCommitsTheMergeBaseAndEveryFilesOwner() {
        String featureSha = repo.head();

        ChangeSet set = detect(root, explain("main", null));

        List<String> lines = set.explanation();
        assertThat(lines.get(lines.size() - 1)).matches("took \\d+ ms");
        assertThat(lines.subList(0, lines.size() - 1)).containsExactly(
                "base: main from --base → " + mainSha.substring(0, 7) + " (refs/heads/main)",
                "head: HEAD from default → " + featureSha.substring(0, 7) + " (refs/heads/feature)",
                "merge base: " + mainSha.substring(0, 7),
                "changed files: committed changes between the merge base and the head (3)",
                "  docs/README.md → none (outside every component)",
                "  services/api/main.sh → api",
                "  services/api/plugins/auth/component.yaml → auth (component manifest)",
                "directly changed: api, auth",
                "selected: api, auth (2 components)");
    }

    @Test
    void explicitHeadAndCommitIds() {
        String featureSha = repo.head();
        repo.git("checkout", "-q", "main");

        ChangeSet set = detect(root, explain(mainSha.substring(0, 10), "feature"));

        assertThat(set.components()).containsExactly("api", "auth");
        assertThat(set.explanation()).startsWith(
                "base: " + mainSha.substring(0, 10) + " from --base → " + mainSha.substring(0, 7),
                "head: feature from --head → " + featureSha.substring(0, 7) + " (refs/heads/feature)");
    }

    @Test
    void theFileListStopsAtTheLimit() {
        for (int i = 0; i < ChangeDetector.EXPLAIN_FILE_LIMIT + 5; i++) {
            repo.write("services/web/gen/f" + i + ".js", "x");
        }
        repo.commitAll("many files");

        List<String> lines = detect(root, explain("main", null)).explanation();

        assertThat(lines.stream().filter(l -> l.startsWith("  ") && !l.startsWith("  …"))).hasSize(ChangeDetector.EXPLAIN_FILE_LIMIT);
        assertThat(lines).contains("  … and 8 more");
    }

    @Test
    void githubPullRequestsCompareWithTheBaseBranch() {
        repo.git("branch", "-q", "-m", "main", "trunk");
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "pull_request",
                "GITHUB_BASE_REF", "trunk");

        ChangeSet set = detect(root, Fixture.defaults(), Fixture.model(), env);

        assertThat(set.components()).containsExactly("api", "auth");
        assertThat(set.explanation().get(0))
                .isEqualTo("base: trunk from GITHUB_BASE_REF (GitHub Actions pull_request) → "
                        + mainSha.substring(0, 7) + " (refs/heads/trunk)");
    }

    @Test
    void githubPushesCompareWithTheCommitBeforeThePush() throws Exception {
        String before = repo.head();
        repo.write("services/web/index.js", "pushed").commitAll("second push");
        Path event = root.resolve("../event.json");
        Files.writeString(event, "{\"before\":\"" + before + "\",\"after\":\"" + repo.head() + "\"}");
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "push",
                "GITHUB_EVENT_PATH", event.toString());

        ChangeSet set = detect(root, Fixture.defaults(), Fixture.model(), env);

        assertThat(set.components()).containsExactly("web");
        assertThat(set.explanation().get(0)).startsWith("base: " + before + " from before commit of the push event");
    }

    @Test
    void aPushWithoutABeforeCommitFallsBackToMain() throws Exception {
        Path event = root.resolve("../event.json");
        Files.writeString(event, "{\"before\":\"0000000000000000000000000000000000000000\"}");
        Map<String, String> env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_EVENT_NAME", "push",
                "GITHUB_EVENT_PATH", event.toString());

        ChangeSet set = detect(root, Fixture.defaults(), Fixture.model(), env);

        assertThat(set.components()).containsExactly("api", "auth");
        assertThat(set.explanation().get(0)).startsWith("base: main from default (the push event has no before commit)");
    }

    @Test
    void aBaseOnlyOnTheRemoteIsFoundThroughOrigin(@TempDir Path clones) {
        Path clone = clones.resolve("ci");
        GitRepo.at(clones).git("clone", "-q", "--branch", "feature", "file://" + root, clone.toString());

        ChangeSet set = detect(clone, Fixture.base("main"));

        assertThat(set.components()).containsExactly("api", "auth");
        assertThat(set.explanation().get(0)).endsWith("(refs/remotes/origin/main)");
    }
}
