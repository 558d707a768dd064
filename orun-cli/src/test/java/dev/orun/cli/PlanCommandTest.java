package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code orun plan}, {@code orun plan show|list} and {@code orun validate}, run in-process. */
class PlanCommandTest {

    @TempDir
    Path dir;

    String intent;
    String out;
    String err;

    @BeforeEach
    void demo() throws IOException, URISyntaxException {
        Path source = Path.of(getClass().getResource("/workspaces/demo").toURI());
        TestTrees.copy(source, dir);
        intent = dir.resolve("intent.yaml").toString();
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

    @Test
    void planPrintsTheSummaryAndSavesThePlan() {
        assertThat(run("plan", "-i", intent, "--all")).isEqualTo(0);

        Plan saved = PlanJson.read(dir.resolve(".orun/plans/latest.json"));
        assertThat(out).contains("│ 2 components × 2 envs → 4 jobs")
                .contains("plan id " + saved.planId())
                .contains("→ orun run " + saved.planId());
        assertThat(dir.resolve(".orun/plans/" + saved.planId() + ".json")).exists();
    }

    @Test
    void jsonViewPrintsOnlyThePlanOnStdout() {
        assertThat(run("plan", "-i", intent, "--all", "--view", "json")).isEqualTo(0);

        Plan printed = PlanJson.parse(out.getBytes(StandardCharsets.UTF_8), Path.of("stdout"));
        assertThat(printed.jobs()).hasSize(4);
        assertThat(err).contains("→ orun run " + printed.planId());
    }

    @Test
    void dagAndDependencyViews() {
        assertThat(run("plan", "-i", intent, "--all", "--view", "dag")).isEqualTo(0);
        assertThat(out).contains("layer 1:\n  db@dev.run").contains("layer 3:\n  api@prod.run");

        assertThat(run("plan", "-i", intent, "--all", "--view", "dependencies")).isEqualTo(0);
        assertThat(out).contains("api@prod.run ← api@dev.run, db@prod.run");
    }

    @Test
    void namedPlansCanBeShownListedAndWrittenElsewhere() {
        Path copy = dir.resolve("copy.json");
        assertThat(run("plan", "-i", intent, "--all", "--env", "dev", "--name", "dev-only", "-o", copy.toString()))
                .isEqualTo(0);
        assertThat(out).contains("→ orun run dev-only");
        assertThat(copy).hasSameBinaryContentAs(dir.resolve(".orun/plans/dev-only.json"));

        assertThat(run("plan", "show", "-i", intent, "dev-only", "--view", "dependencies")).isEqualTo(0);
        assertThat(out).contains("api@dev.run ← db@dev.run").doesNotContain("prod");

        assertThat(run("plan", "list", "-i", intent)).isEqualTo(0);
        assertThat(out).contains("dev-only").contains("(latest)");
    }

    @Test
    void unknownReferenceIsExitTwoListingSavedPlans() {
        run("plan", "-i", intent, "--all");

        assertThat(run("plan", "show", "-i", intent, "nope")).isEqualTo(2);
        assertThat(err).startsWith("orun: no saved plan matches \"nope\" (saved: ");
    }

    @Test
    void badInputIsExitTwoAndWritesNothing() throws IOException {
        Path api = dir.resolve("services/api/component.yaml");
        Files.writeString(api, Files.readString(api).replace("type: shell", "type: shel"));

        assertThat(run("plan", "-i", intent, "--all")).isEqualTo(2);
        assertThat(err).startsWith("orun: services/api/component.yaml:5: component \"api\" has unknown type \"shel\"");
        assertThat(dir.resolve(".orun")).doesNotExist();

        assertThat(run("validate", "-i", intent)).isEqualTo(2);
        assertThat(dir.resolve(".orun")).doesNotExist();
    }

    @Test
    void invalidPlanNameIsExitTwo() {
        assertThat(run("plan", "-i", intent, "--name", "../escape")).isEqualTo(2);
        assertThat(dir.resolve(".orun")).doesNotExist();
    }

    @Test
    void validateReportsCountsAndWritesNothing() {
        assertThat(run("validate", "-i", intent)).isEqualTo(0);

        assertThat(out).contains("intent.yaml is valid: 2 components × 2 envs → 4 jobs");
        assertThat(dir.resolve(".orun")).doesNotExist();
    }
}
