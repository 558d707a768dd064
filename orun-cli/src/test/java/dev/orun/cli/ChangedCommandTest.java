package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --changed} and its companion flags through the command line, on a real repository. */
class ChangedCommandTest {

    @TempDir
    Path dir;
    String intent;
    String out;
    String err;

    @BeforeEach
    void repositoryWithAFeatureBranch() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/changes/workspace").toURI());
        TestTrees.copy(source, dir);
        intent = dir.resolve("intent.yaml").toString();
        git("init", "-q", "-b", "main");
        git("-c", "user.email=t@orun.invalid", "-c", "user.name=t", "add", "-A");
        git("-c", "user.email=t@orun.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "initial");
        git("checkout", "-q", "-b", "feature");
        Files.writeString(dir.resolve("services/web/main.sh"), "echo web v2");
        git("-c", "user.email=t@orun.invalid", "-c", "user.name=t", "-c", "commit.gpgsign=false",
                "commit", "-q", "-am", "web v2");
    }

    private void git(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + output).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        CommandLine cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(outText));
        cli.setErr(new PrintWriter(errText));
        int code = cli.execute(args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    private List<String> latestJobIds() {
        Plan plan = PlanJson.read(dir.resolve(".orun/plans/latest.json"));
        return plan.jobs().stream().map(Job::id).toList();
    }

    @Test
    void planChangedKeepsOnlyTheChangedComponent() {
        assertThat(run("plan", "-i", intent, "--changed", "--base", "main")).isEqualTo(0);

        assertThat(latestJobIds()).containsExactly("web@dev.build");
        assertThat(err).contains("changes: 1 changed file → 1 component: web");
        Plan plan = PlanJson.read(dir.resolve(".orun/plans/latest.json"));
        assertThat(plan.metadata().scope().mode()).isEqualTo("changed");
        assertThat(plan.metadata().scope().changedFiles()).isEqualTo(1);
    }

    @Test
    void explainPrintsTheResolvedCommitsAndOwnersOnStderr() {
        assertThat(run("plan", "-i", intent, "--changed", "--base", "main", "--explain")).isEqualTo(0);

        assertThat(err).containsPattern("changes: base: main from --base → [0-9a-f]{7} \\(refs/heads/main\\)")
                .containsPattern("changes: head: HEAD from default → [0-9a-f]{7} \\(refs/heads/feature\\)")
                .contains("changes:   services/web/main.sh → web");
        assertThat(out).doesNotContain("changes:");
    }

    @Test
    void filesReplaceTheDiff() {
        assertThat(run("plan", "-i", intent, "--files", "services/api/main.sh,README.md")).isEqualTo(0);

        assertThat(latestJobIds()).containsExactly("api@dev.build");
    }

    @Test
    void badRequestsExitWithTwoAndOneLine() {
        assertThat(run("plan", "-i", intent, "--changed", "--base", "nope")).isEqualTo(2);
        assertThat(err.strip()).startsWith("orun: git ref \"nope\" not found; branches here: feature, main")
                .doesNotContain("\n");

        assertThat(run("plan", "-i", intent, "--files", "../outside.txt")).isEqualTo(2);
        assertThat(err.strip()).startsWith("orun: --files: ../outside.txt is outside the workspace").doesNotContain("\n");

        assertThat(run("plan", "-i", intent, "--head", "feature")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("orun: --head needs --base (the ref to compare it with)");
    }

    @Test
    void runChangedDryRunAgreesWithPlanChanged() throws IOException {
        assertThat(run("plan", "-i", intent, "--changed", "--base", "main")).isEqualTo(0);
        Plan planned = PlanJson.read(dir.resolve(".orun/plans/latest.json"));

        assertThat(run("run", "-i", intent, "--changed", "--base", "main", "--dry-run", "--json")).isEqualTo(0);

        JsonNode report = new ObjectMapper().readTree(out);
        assertThat(report.get("planChecksum").asText()).isEqualTo(planned.metadata().checksum());
        assertThat(report.get("jobs").toString()).contains("web@dev.build").doesNotContain("api@dev.build");
        assertThat(planned.jobs()).extracting(Job::id).containsExactly("web@dev.build");
    }

    @Test
    void runWithNothingChangedSaysSoAndSucceeds() {
        assertThat(run("run", "-i", intent, "--changed", "--base", "feature")).isEqualTo(0);

        assertThat(err).contains("no components changed");
        assertThat(out).contains("no jobs to run");
        assertThat(dir.resolve(".orun/executions")).doesNotExist();
    }

    @Test
    void runIgnoresChangeFlagsForASavedPlan() {
        assertThat(run("plan", "-i", intent, "--all", "--name", "everything")).isEqualTo(0);

        assertThat(run("run", "everything", "-i", intent, "--changed", "--base", "main", "--dry-run")).isEqualTo(0);

        assertThat(err).contains("note: change-detection flags are ignored for a saved plan");
        assertThat(out).contains("api@dev.build").contains("web@dev.build");
    }
}
