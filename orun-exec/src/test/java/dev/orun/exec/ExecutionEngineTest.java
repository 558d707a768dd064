package dev.orun.exec;

import dev.orun.core.state.contract.InMemoryStateBackend;

import static dev.orun.exec.Plans.job;
import static dev.orun.exec.Plans.plan;
import static dev.orun.exec.Plans.run;
import static dev.orun.exec.Plans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Plan;
import dev.orun.core.runner.contract.LiveProcesses;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult.JobResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionEngineTest {

    @TempDir
    Path root;
    Path marker;
    InMemoryStateBackend.Store state = new InMemoryStateBackend.Store();

    @BeforeEach
    void markerFile() {
        marker = root.resolve("marker.txt");
    }

    private ExecutionResult execute(Plan plan, RunOptions options) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("MARK", marker.toString());
        return Orun.run(root).plan(plan)
                .options(options.withHostEnvironment(env).withExecId("e1"))
                .state(state.provider()).run();
    }

    private ExecutionResult execute(Plan plan) {
        return execute(plan, RunOptions.defaults().withIsolation(Isolation.NONE, false));
    }

    private List<String> marks() throws IOException {
        return Files.exists(marker) ? Files.readAllLines(marker) : List.of();
    }

    private static Status status(ExecutionResult result, String id) {
        return result.jobs().stream().filter(j -> j.id().equals(id)).findFirst()
                .map(JobResult::status).orElseThrow();
    }

    @Test
    void runsEveryJobAfterItsDependencies() throws IOException {
        Plan plan = plan(true, 4,
                job("db", "dev", "build", "", List.of(), run("s", "echo db >> \"$MARK\"")),
                job("api", "dev", "build", "", List.of("db@dev.build"),
                        run("s", "echo api >> \"$MARK\"")),
                job("web", "dev", "build", "", List.of("api@dev.build"),
                        run("s", "echo web >> \"$MARK\"")));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isZero();
        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(marks()).containsExactly("db", "api", "web");
        assertThat(result.jobs()).extracting(JobResult::id)
                .containsExactly("db@dev.build", "api@dev.build", "web@dev.build");
        assertThat(state.finalStatus()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void failFastStartsNothingAfterAFailureAndSkipsTheRest() throws IOException {
        Plan plan = plan(true, 1,
                job("a", "dev", "build", "", List.of(), run("s", "echo a >> \"$MARK\"; echo boom; exit 3")),
                job("b", "dev", "build", "", List.of(), run("s", "echo b >> \"$MARK\"")),
                job("c", "dev", "build", "", List.of("a@dev.build"), run("s", "echo c >> \"$MARK\"")));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(marks()).containsExactly("a");
        assertThat(status(result, "a@dev.build")).isEqualTo(Status.FAILED);
        assertThat(status(result, "b@dev.build")).isEqualTo(Status.SKIPPED);
        assertThat(status(result, "c@dev.build")).isEqualTo(Status.SKIPPED);
        JobResult failed = result.jobs().get(0);
        assertThat(failed.failedStep()).isEqualTo("s");
        assertThat(failed.outputTail()).containsExactly("boom");
        assertThat(failed.steps().get(0).exitCode()).isEqualTo(3);
        assertThat(state.worker().read().job("b@dev.build").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void withoutFailFastIndependentBranchesStillRun() throws IOException {
        Plan plan = plan(false, 1,
                job("a", "dev", "build", "", List.of(), run("s", "echo a >> \"$MARK\"; exit 1")),
                job("b", "dev", "build", "", List.of(), run("s", "echo b >> \"$MARK\"")),
                job("c", "dev", "build", "", List.of("a@dev.build"), run("s", "echo c >> \"$MARK\"")),
                job("d", "dev", "build", "", List.of("b@dev.build"), run("s", "echo d >> \"$MARK\"")));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(marks()).containsExactlyInAnyOrder("a", "b", "d");
        assertThat(status(result, "c@dev.build")).isEqualTo(Status.SKIPPED);
        assertThat(status(result, "d@dev.build")).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void stepsSeeTheOrunEnvironmentThenJobEnvThenStepEnv() throws IOException {
        Plan plan = plan(true, 1, Plans.withEnv(job("api", "dev", "build", "", List.of(),
                new dev.orun.core.plan.Step("show", null, null, 0,
                        "echo \"$ORUN_CONTEXT|$ORUN_RUNNER|$ORUN_EXEC_ID|$ORUN_JOB_ID|"
                                + "$ORUN_JOB_RUN_ID|$ORUN_COMPONENT|$ORUN_ENVIRONMENT|$ORUN_STEP_ID|"
                                + "$A|$B|$ORUN_PLAN_ID\" >> \"$MARK\"",
                        null, null, Map.of("B", "step"), null, null, null, 0, null, null)),
                Map.of("A", "job", "B", "job")));

        execute(plan);

        String planId = plan.planId();
        assertThat(marks()).containsExactly("local|local|e1|api@dev.build|" + planId
                + ":e1:api@dev.build|api|dev|show|job|step|" + planId);
    }

    @Test
    void aStepTimeoutKillsItsWholeProcessTree() throws IOException {
        Path pidFile = root.resolve("grandchild.pid");
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                step("slow", "sleep 300 & echo $! > '" + pidFile + "'; wait", "1s", 0, null, null)));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.jobs().get(0).steps().get(0).error()).contains("timed out");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(LiveProcesses.isAlive(pid)).isFalse();
    }

    @Test
    void retriesRunTheStepAgainUntilItSucceeds() throws IOException {
        Path counter = root.resolve("count");
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                step("flaky", "echo x >> '" + counter + "'; [ $(wc -l < '" + counter + "') -ge 3 ]",
                        null, 2, null, null)));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isZero();
        assertThat(Files.readAllLines(counter)).hasSize(3);
        assertThat(result.jobs().get(0).steps().get(0).attempts()).isEqualTo(3);
    }

    @Test
    void onFailureContinueRunsTheNextStepsButTheJobStillFails() throws IOException {
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                step("lint", "exit 1", null, 0, "continue", null),
                run("test", "echo test >> \"$MARK\"")));

        ExecutionResult result = execute(plan);

        assertThat(marks()).containsExactly("test");
        assertThat(result.jobs().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(result.jobs().get(0).failedStep()).isEqualTo("lint");
    }

    @Test
    void afterAHardFailureMainStepsAreSkippedButPostStepsRun() throws IOException {
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                step("build", "exit 2", null, 0, null, "main"),
                step("test", "echo test >> \"$MARK\"", null, 0, null, "main"),
                step("cleanup", "echo cleanup >> \"$MARK\"", null, 0, null, "post")));

        ExecutionResult result = execute(plan);

        assertThat(marks()).containsExactly("cleanup");
        assertThat(result.jobs().get(0).steps()).extracting(ExecutionResult.StepOutcome::status)
                .containsExactly(Status.FAILED, Status.SKIPPED, Status.SUCCEEDED);
    }

    @Test
    void aResumedExecutionDoesNotRunSucceededJobsAgain() throws IOException {
        Plan plan = plan(true, 1,
                job("a", "dev", "build", "", List.of(), run("s", "echo a >> \"$MARK\"")),
                job("b", "dev", "build", "", List.of("a@dev.build"),
                        run("s", "echo b >> \"$MARK\"; [ -f '" + root.resolve("ok") + "' ]")));
        assertThat(execute(plan).exitCode()).isEqualTo(1);
        Files.writeString(root.resolve("ok"), "");

        ExecutionResult resumed = execute(plan);

        assertThat(resumed.exitCode()).isZero();
        assertThat(marks()).containsExactly("a", "b", "b");
        assertThat(resumed.jobs().get(0).reused()).isTrue();
    }

    @Test
    void aSingleSelectedJobNeedsItsDependenciesToHaveSucceededInThisExecution() {
        Plan plan = plan(true, 1,
                job("a", "dev", "build", "", List.of(), run("s", "true")),
                job("b", "dev", "build", "", List.of("a@dev.build"), run("s", "true")));

        assertThatThrownBy(() -> Orun.run(root).plan(plan)
                .options(RunOptions.defaults().withExecId("e1")).state(state.provider())
                .select(List.of("b@dev.build")).run())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot run b@dev.build")
                .hasMessageContaining("a@dev.build");
        assertThat(state.transitions()).isEmpty();
    }

    @Test
    void aDependencyAnotherWorkerIsStillRunningIsWaitedForThenTheJobRuns() throws Exception {
        Plan plan = plan(true, 1,
                job("a", "dev", "build", "", List.of(), run("s", "true")),
                job("b", "dev", "build", "", List.of("a@dev.build"), run("s", "true")));
        dev.orun.core.state.StateBackend other = state.worker();
        other.open(new dev.orun.core.state.RunDescriptor("e1", plan, "local", "manual", "other"));
        dev.orun.core.state.ClaimToken a = other.claim("a@dev.build", java.time.Duration.ofMinutes(1)).token();

        java.util.concurrent.CompletableFuture<ExecutionResult> b = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> Orun.run(root).plan(plan).options(RunOptions.defaults().withExecId("e1"))
                        .state(state.provider()).select(List.of("b@dev.build")).run());
        Thread.sleep(500);
        assertThat(b).isNotDone();
        assertThat(state.transitions()).doesNotContain("claim b@dev.build");

        other.jobFinished(a, Status.SUCCEEDED, java.time.Instant.now(), null);
        ExecutionResult result = b.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(state.transitions()).containsSubsequence("succeeded a@dev.build", "claim b@dev.build",
                "succeeded b@dev.build");
    }

    @Test
    void theOutputOfAStepReachesItsLogAndTheListeners() {
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                run("hello", "echo one; echo two >&2"), run("quiet", "true")));
        List<String> lines = new CopyOnWriteArrayList<>();

        Orun.run(root).plan(plan).options(RunOptions.defaults().withExecId("e1"))
                .state(state.provider()).listener(event -> {
                    if (event instanceof ProgressEvent.StepOutput output) {
                        lines.add(output.stepId() + ":" + output.line());
                    }
                }).run();

        assertThat(lines).containsExactly("hello:one", "hello:two");
        assertThat(state.log("a@dev.build", "hello")).isEqualTo("one\ntwo\n");
        assertThat(state.log("a@dev.build", "quiet")).isNull();
    }

    @Test
    void aUseStepIsRefusedUnderTheLocalRunnerBeforeAnyJobStarts() {
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                Plans.run("first", "echo ran"), Plans.use("checkout", "actions/checkout@v4")));

        assertThatThrownBy(() -> execute(plan))
                .isInstanceOf(dev.orun.core.InvalidInputException.class)
                .hasMessageContaining("job a@dev.build, step checkout uses a GitHub Action")
                .hasMessageContaining("--gha");
    }

    @Test
    void anUnknownShellIsAClearStepError() {
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                Plans.shell("s", "fish", "echo hi")));

        ExecutionResult result = execute(plan);

        assertThat(result.jobs().get(0).error()).contains("unsupported shell \"fish\"");
    }

    @Test
    void bashAndPythonShellsRunTheirScripts() throws IOException {
        Plan plan = plan(false, 1,
                job("a", "dev", "build", "", List.of(),
                        Plans.shell("b", "bash", "false | true; echo unreachable >> \"$MARK\"")),
                job("b", "dev", "build", "", List.of(),
                        Plans.shell("p", "python", "import os\nopen(os.environ['MARK'],'a').write('py\\n')")));

        ExecutionResult result = execute(plan);

        assertThat(result.jobs().get(0).steps().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(marks()).containsExactly("py");
    }

    @Test
    void componentConcurrencyOneKeepsOneComponentInFlight() throws IOException {
        Plan plan = plan(true, 4,
                job("a", "dev", "one", "", List.of(), run("s", "echo a-start >> \"$MARK\"; sleep 0.3; echo a-end >> \"$MARK\"")),
                job("a", "dev", "two", "", List.of(), run("s", "echo a-start >> \"$MARK\"; sleep 0.3; echo a-end >> \"$MARK\"")),
                job("b", "dev", "one", "", List.of(), run("s", "echo b-start >> \"$MARK\"; echo b-end >> \"$MARK\"")));

        execute(plan, RunOptions.defaults().withIsolation(Isolation.NONE, false));

        List<String> marks = marks();
        assertThat(marks.indexOf("b-start")).isGreaterThan(marks.lastIndexOf("a-end"));
    }

    @Test
    void cancellingKillsRunningStepsAndRecordsEveryJobCancelled() throws Exception {
        Path pidFile = root.resolve("grandchild.pid");
        Plan plan = plan(true, 1,
                job("a", "dev", "build", "", List.of(),
                        run("s", "sleep 300 & echo $! > '" + pidFile + "'; wait")),
                job("b", "dev", "build", "", List.of("a@dev.build"), run("s", "true")));
        OrunRun running = Orun.run(root).plan(plan)
                .options(RunOptions.defaults().withExecId("e1")).state(state.provider());
        ExecutionResult[] holder = new ExecutionResult[1];
        Thread thread = new Thread(() -> holder[0] = running.run());
        thread.start();
        while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
            Thread.sleep(20);
        }

        running.cancel();
        running.awaitEnd();
        thread.join();

        assertThat(holder[0].exitCode()).isEqualTo(130);
        assertThat(holder[0].jobs()).extracting(JobResult::status)
                .containsExactly(Status.CANCELLED, Status.CANCELLED);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(LiveProcesses.isAlive(pid)).isFalse();
        assertThat(state.worker().read().job("b@dev.build").status()).isEqualTo(Status.CANCELLED);
    }

    @Test
    void aJobTimeoutBoundsTheWholeJobAndKillsTheRunningStep() throws IOException {
        Plan plan = plan(true, 1, Plans.withTimeout(job("a", "dev", "build", "", List.of(),
                run("one", "sleep 0.2"), run("two", "sleep 300"), run("three", "echo no >> \"$MARK\"")),
                "1s", 0));

        ExecutionResult result = execute(plan);

        JobResult job = result.jobs().get(0);
        assertThat(job.status()).isEqualTo(Status.FAILED);
        assertThat(job.error()).contains("step two").contains("job timeout 1s exceeded");
        assertThat(job.steps()).extracting(ExecutionResult.StepOutcome::status)
                .containsExactly(Status.SUCCEEDED, Status.FAILED, Status.SKIPPED);
        assertThat(marks()).isEmpty();
    }

    @Test
    void jobRetriesApplyToEveryStepThatDoesNotSetItsOwn() throws IOException {
        Path counter = root.resolve("count");
        Plan plan = plan(true, 1, Plans.withTimeout(job("a", "dev", "build", "", List.of(),
                run("flaky", "echo x >> '" + counter + "'; [ $(wc -l < '" + counter + "') -ge 2 ]")),
                null, 1));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isZero();
        assertThat(result.jobs().get(0).steps().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void aBackgroundProcessLeftRunningByAStepIsStoppedWhenTheStepEnds() throws IOException {
        Path pidFile = root.resolve("orphan.pid");
        Plan plan = plan(true, 1, job("a", "dev", "build", "", List.of(),
                run("leave", "sleep 300 & echo $! > '" + pidFile + "'")));

        ExecutionResult result = execute(plan);

        assertThat(result.exitCode()).isZero();
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(LiveProcesses.isAlive(pid)).isFalse();
    }
}
