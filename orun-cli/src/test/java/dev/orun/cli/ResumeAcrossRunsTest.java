package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --job}, {@code --retry} and resumes as the README shows them, across separate runs. */
class ResumeAcrossRunsTest {

    @TempDir
    Path root;

    private Path marker() {
        return root.resolve("marker.txt");
    }

    private List<String> marks() throws IOException {
        return Files.exists(marker()) ? Files.readAllLines(marker()) : List.of();
    }

    private String intent() {
        return new TestWorkspace(root)
                .component("db", "echo db >> " + marker())
                .component("api", "echo api >> " + marker(), "db")
                .write().intent().toString();
    }

    @Test
    void jobWithoutAnExecIdContinuesTheLatestRunOfTheSamePlan() throws IOException {
        String intent = intent();
        assertThat(Cli.run("run", "-i", intent).exitCode()).isZero();

        Cli job = Cli.run("run", "-i", intent, "--job", "api@dev.build", "--retry");

        assertThat(job.exitCode()).as(job.err() + job.out()).isZero();
        assertThat(job.err()).contains("note: continuing execution shop-", "(the latest run of this plan)");
        assertThat(marks()).containsExactly("db", "api", "api");
        assertThat(Files.list(root.resolve(".orun/executions")).count()).as("no second execution").isEqualTo(1);
    }

    @Test
    void aJobWhoseDependenciesNeverRanNamesThemAndTheCommandThatRunsThem() throws IOException {
        String intent = intent();

        Cli job = Cli.run("run", "-i", intent, "--job", "api@dev.build");

        assertThat(job.exitCode()).isEqualTo(2);
        assertThat(job.err()).isEqualTo("orun: cannot run api@dev.build alone: its dependency db@dev.build has not "
                + "succeeded in any run of this plan; run the whole plan first (orun run), then --job api@dev.build "
                + "attaches to that run\n");
        assertThat(root.resolve(".orun/executions")).doesNotExist();
        assertThat(marks()).isEmpty();
    }

    @Test
    void thePlanIdInTheRunHeaderResolvesBecauseAFreshPlanIsSaved() {
        String intent = intent();

        Cli run = Cli.run("run", "-i", intent);

        Matcher header = Pattern.compile("plan ([0-9a-f]{12})").matcher(run.out());
        assertThat(header.find()).as(run.out()).isTrue();
        Cli show = Cli.run("plan", "show", header.group(1), "-i", intent);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(Cli.run("run", header.group(1), "-i", intent, "--exec-id", "again").exitCode()).isZero();
    }

    @Test
    void aResumeRefusedBecauseThePlanChangedSaysHowToResumeTheOldPlan() throws IOException {
        String intent = intent();
        assertThat(Cli.run("run", "-i", intent, "--exec-id", "first").exitCode()).isZero();
        new TestWorkspace(root).component("db", "echo db2 >> " + marker()).write();

        Cli refused = Cli.run("run", "-i", intent, "--exec-id", "first");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("execution first was started with plan ")
                .contains("resume it with its own plan: orun run .orun/executions/first/plan.json --exec-id first, "
                        + "or start anew without --exec-id");
        Cli resumed = Cli.run("run", root.resolve(".orun/executions/first/plan.json").toString(),
                "-i", intent, "--exec-id", "first");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("cached");
    }
}
