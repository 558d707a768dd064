package dev.orun.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the local runner does: the step's {@code shell}, and the host environment underneath. */
class LocalRunnerShellsTest {

    @TempDir
    Path workspace;

    private record Ran(StepResult result, String output) {
    }

    private Ran run(String shell, String script, Map<String, String> hostEnv) throws Exception {
        Runner runner = new LocalRunnerProvider().create(new RunnerSettings(workspace, Map.of(),
                hostEnv));
        Job job = new Job("api@dev.build", "build", "api", "dev", "c", "build", null, "", ".",
                List.of(), null, 0, Map.of(), Map.of(), Map.of(), List.of());
        Step step = new Step("s", "s", null, 0, script, null, null, null, shell, null, null, 0,
                null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (runner; JobSession session = runner.startJob(
                new JobContext("e1", job, workspace, workspace, Map.of(), false))) {
            StepResult result = session.runStep(new StepRequest(step, workspace,
                    Map.of("STEP_VAR", "step"), null, out));
            return new Ran(result, out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void withoutAShellAFailingLineDoesNotStopTheScriptButShStopsAtTheFirstFailure() throws Exception {
        Map<String, String> host = System.getenv();

        assertThat(run(null, "false; echo went-on", host).output()).isEqualTo("went-on\n");
        Ran strict = run("sh", "false; echo went-on", host);
        assertThat(strict.output()).isEmpty();
        assertThat(strict.result().exitCode()).isEqualTo(1);
    }

    @Test
    void aShellTemplateGetsTheScriptAsAFile() throws Exception {
        Ran ran = run("sh {0}", "echo from-a-file", System.getenv());

        assertThat(ran.result().succeeded()).isTrue();
        assertThat(ran.output()).isEqualTo("from-a-file\n");
    }

    @Test
    void anUnknownShellIsAStepErrorNamingTheShellsItKnows() throws Exception {
        Ran ran = run("fish", "echo hi", System.getenv());

        assertThat(ran.result().succeeded()).isFalse();
        assertThat(ran.result().error()).contains("unsupported shell \"fish\"", "sh, bash, python");
    }

    @Test
    void localStepsSeeTheHostEnvironmentWithTheStepsVariablesOnTop() throws Exception {
        Map<String, String> host = Map.of("PATH", System.getenv("PATH"), "FROM_HOST", "host",
                "STEP_VAR", "host-loses");

        Ran ran = run(null, "echo \"$FROM_HOST $STEP_VAR\"", host);

        assertThat(ran.output()).isEqualTo("host step\n");
    }
}
