package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.cli.render.ProgressRenderer;
import dev.orun.cli.render.Terminal;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.state.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, status and plan speak one vocabulary: the same symbol per status, counted nouns, no echoes. */
class OutputVocabularyTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path root;

    @Test
    void skippedJobsCarryTheSkippedSymbolInRunAndStatusNotThePendingOne() {
        String intent = new TestWorkspace(root).component("db", "exit 1").component("api", "true", "db")
                .write().intent().toString();

        Cli run = Cli.run("run", "-i", intent, "--exec-id", "v-1");
        Cli status = Cli.run("status", "-i", intent, "--exec-id", "v-1");

        assertThat(run.out()).contains("↷ dev/build  skipped").doesNotContain("○");
        assertThat(status.out()).contains("↷ build").contains("↷ 1 skipped");
    }

    @Test
    void aSingleJobIsOneJobNotOneJobs() {
        String intent = new TestWorkspace(root).component("db", "true").write().intent().toString();

        assertThat(Cli.run("run", "-i", intent).out()).contains("·  1 job  ·").doesNotContain("1 jobs");
        assertThat(Cli.run("run", "-i", intent, "--dry-run").out()).contains("1 job  ·").doesNotContain("1 jobs");
        assertThat(Cli.run("validate", "-i", intent).out()).contains("1 component × 1 env → 1 job");
    }

    @Test
    void theExamplePrintsEachComponentGroupOnce() throws Exception {
        Path ws = TestTrees.copy(EXAMPLES, root.resolve("ws"));

        Cli run = Cli.run("run", "-i", ws.resolve("intent.yaml").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String component : List.of("network", "database", "auth", "api", "web")) {
            assertThat(Pattern.compile("● " + component + "\\n").matcher(run.out()).results().count())
                    .as(component + " in\n" + run.out()).isEqualTo(1);
        }
        assertThat(run.out()).contains("✓ api·production/deploy");
    }

    @Test
    void aChangedPlanWithNoJobsDoesNotSuggestRunningIt() {
        String intent = new TestWorkspace(root).component("db", "true").write().intent().toString();

        Cli plan = Cli.run("plan", "-i", intent, "--changed", "--files", "nothing-here.txt");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("→ nothing to run").doesNotContain("→ orun run");
    }

    @Test
    void aCancelledJobSaysCancelledOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressRenderer renderer = new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                Terminal.plain(), false, 1);
        Instant now = Instant.now();

        renderer.onEvent(new ProgressEvent.RunStarted(now, "x", "abc", "local", List.of("db@dev.build"), 1));
        renderer.onEvent(new ProgressEvent.JobFinished(now, "db@dev.build", Status.CANCELLED, Duration.ZERO, "cancelled"));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("⊘ dev/build  cancelled\n")
                .doesNotContain("cancelled (cancelled)");
    }
}
