package dev.orun.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dry run, the log files and {@code ORUN_STEP_ID} use the same step id, also for steps whose
 * names repeat or are missing (a hand-written plan; the compiler already writes unique ids).
 */
class StepIdAgreementTest {

    @TempDir
    Path root;

    private static Step named(String name, String script) {
        return new Step(null, name, null, 0, script, null, null, null, null, null, null, 0, null, null);
    }

    @Test
    void dryRunLogsAndStepEnvironmentAgreeOnRepeatedAndMissingNames() throws IOException {
        Path marks = root.resolve("marks.txt");
        String mark = "echo \"$ORUN_STEP_ID\" | tee -a '" + marks + "'";
        Plan plan = Plans.plan(true, 1, Plans.job("api", "dev", "build", "", List.of(),
                named("build", mark), named("build", mark), named(null, mark)));
        Map<String, String> env = new HashMap<>(System.getenv());

        DryRunReport dryRun = Orun.run(root).plan(plan).options(RunOptions.defaults().withExecId("e1")).dryRun();
        ExecutionResult result = Orun.run(root).plan(plan).options(RunOptions.defaults().withExecId("e1")
                .withIsolation(Isolation.NONE, false).withHostEnvironment(env)).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> expected = List.of("build", "build-2", "step-3");
        assertThat(dryRun.jobs().get(0).steps()).extracting(DryRunReport.Step::id).containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(marks)).containsExactlyElementsOf(expected);
        try (Stream<Path> logs = Files.walk(root)) {
            assertThat(logs.filter(p -> p.toString().endsWith(".log")).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("build.log", "build-2.log", "step-3.log");
        }
    }

    @Test
    void stepsSeeTheJobUidWhenThePlanHasOne() throws IOException {
        Path marks = root.resolve("uid.txt");
        var job = Plans.job("api", "dev", "build", "", List.of(), named("show", "echo \"$ORUN_JOB_UID\" > '" + marks + "'"))
                .withIdentity("job_abcdef0_0123456789ab", "Build", "api · dev · Build");
        Orun.run(root).plan(Plans.plan(true, 1, job)).options(RunOptions.defaults().withExecId("e2")
                .withIsolation(Isolation.NONE, false).withHostEnvironment(new HashMap<>(System.getenv()))).run();

        assertThat(Files.readAllLines(marks)).containsExactly("job_abcdef0_0123456789ab");
    }
}
