package dev.orun.runner.docker;

import static dev.orun.runner.docker.Plans.job;
import static dev.orun.runner.docker.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The Docker runner against the real engine and the locally imported busybox image. */
@Tag("slow")
class DockerRunnerTest {

    @TempDir
    Path workspace;

    private final String execId = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRunner runner;

    @BeforeEach
    void engine() {
        TestEngine.require();
        runner = runner(Map.of("image", TestEngine.IMAGE, "pull", "never"), Map.of());
    }

    @AfterEach
    void cleanUp() {
        if (runner != null) {
            runner.close();
        }
        TestEngine.containersOf(execId).forEach(c ->
                TestEngine.require().removeContainerCmd(c.getId()).withForce(true).exec());
    }

    private DockerRunner runner(Map<String, String> options, Map<String, String> extraHostEnv) {
        Map<String, String> host = new HashMap<>(System.getenv());
        host.putAll(extraHostEnv);
        DockerRunner created = new DockerRunner(new RunnerSettings(workspace, options, host));
        created.checkAvailable();
        return created;
    }

    private JobContext context(Job job) {
        return new JobContext(execId, job, workspace, workspace, Map.of(), false);
    }

    private record Ran(StepResult result, String output) {
    }

    private static Ran step(JobSession session, Step step, Path dir, Map<String, String> env, Duration timeout)
            throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StepResult result = session.runStep(new StepRequest(step, dir, env, timeout, out));
        return new Ran(result, out.toString(StandardCharsets.UTF_8));
    }

    private Ran step(JobSession session, String script) throws InterruptedException {
        return step(session, run("s", script), workspace, Map.of(), null);
    }

    @Test
    void stepsOfAJobShareOneContainerAndTheWorkspaceIsTheHostDirectory() throws Exception {
        try (JobSession session = runner.startJob(context(job("api@dev.build", "ubuntu-22.04")))) {
            Ran write = step(session, "echo from-step-1 > /tmp/marker && echo written");
            Ran read = step(session, "cat /tmp/marker; hostname");
            Ran again = step(session, "hostname");
            Ran toWorkspace = step(session, "echo artefact > /workspace/out.txt; pwd");

            assertThat(write.result().succeeded()).isTrue();
            assertThat(write.output()).isEqualTo("written\n");
            assertThat(read.output()).startsWith("from-step-1\n");
            assertThat(read.output().lines().skip(1).findFirst()).contains(again.output().strip());
            assertThat(toWorkspace.output()).isEqualTo("/workspace\n");
            assertThat(workspace.resolve("out.txt")).hasContent("artefact");
            assertThat(TestEngine.containersOf(execId)).hasSize(1);
        }
        assertThat(TestEngine.containersOf(execId)).as("closed session removes its container").isEmpty();
    }

    @Test
    void exitCodesAndBothOutputStreamsAreReported() throws Exception {
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            Ran failing = step(session, "echo out; echo err >&2; exit 7");
            Ran after = step(session, "true");

            assertThat(failing.result().exitCode()).isEqualTo(7);
            assertThat(failing.result().succeeded()).isFalse();
            assertThat(failing.result().timedOut()).isFalse();
            assertThat(failing.output()).contains("out\n").contains("err\n");
            assertThat(after.result()).isEqualTo(StepResult.exited(0));
        }
    }

    @Test
    void stepsSeeOnlyThePlansVariablesNeverTheHostEnvironment() throws Exception {
        runner.close();
        runner = runner(Map.of("image", TestEngine.IMAGE), Map.of("SECRET_TOKEN", "host-secret-value"));
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            Ran plain = step(session, run("env", "env"), workspace, Map.of("FOO", "bar", "ORUN_JOB_ID", "api@dev.build"), null);
            Ran passed = step(session, run("env", "echo token=$SECRET_TOKEN"), workspace,
                    Map.of("SECRET_TOKEN", "planned"), null);

            assertThat(plain.output()).contains("FOO=bar\n", "ORUN_JOB_ID=api@dev.build\n", "ORUN_CONTEXT=container\n",
                    "PATH=/bin\n");
            assertThat(plain.output()).doesNotContain("SECRET_TOKEN").doesNotContain("host-secret-value")
                    .doesNotContain("JAVA_HOME");
            assertThat(passed.output()).isEqualTo("token=planned\n");
        }
    }

    @Test
    void theWorkingDirectoryMapsUnderWorkspaceAndMayNotLeaveIt() throws Exception {
        Path sub = Files.createDirectories(workspace.resolve("services/api"));
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            Ran inside = step(session, run("pwd", "pwd"), sub, Map.of(), null);
            Ran outside = step(session, run("pwd", "pwd"), workspace.getParent(), Map.of(), null);

            assertThat(inside.output()).isEqualTo("/workspace/services/api\n");
            assertThat(outside.result().succeeded()).isFalse();
            assertThat(outside.result().error()).contains("outside the mounted workspace");
        }
    }

    @Test
    void aTimedOutStepIsStoppedWithItsContainerAndTheNextStepStillRuns() throws Exception {
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            step(session, "echo kept > /tmp/state");
            // 3 s, not 1: under load the exec may take over a second to print "started"
            Ran slow = step(session, run("slow", "echo started; sleep 300"), workspace, Map.of(), Duration.ofSeconds(3));

            assertThat(slow.result().timedOut()).isTrue();
            assertThat(slow.result().succeeded()).isFalse();
            assertThat(slow.output()).isEqualTo("started\n");
            String id = TestEngine.containersOf(execId).get(0).getId();
            InspectContainerResponse stopped = TestEngine.require().inspectContainerCmd(id).exec();
            assertThat(stopped.getState().getRunning()).as("container killed on timeout").isFalse();

            Ran next = step(session, "cat /tmp/state; ps | grep -c '[s]leep 300' || true");
            assertThat(next.result().succeeded()).isTrue();
            assertThat(next.output()).as("file system kept, the step's processes gone").isEqualTo("kept\n0\n");
        }
    }

    @Test
    void cancellingAStepRemovesTheContainerAndThrowsInterruptedException() throws Exception {
        JobSession session = runner.startJob(context(job("api@dev.build", null)));
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.io.OutputStream signalling = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                started.countDown();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                started.countDown();
            }
        };
        Thread worker = new Thread(() -> {
            try {
                session.runStep(new StepRequest(run("slow", "echo go; sleep 300"), workspace, Map.of(), null, signalling));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.start();
        assertThat(started.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        worker.interrupt();
        worker.join(60_000);

        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(TestEngine.containersOf(execId)).as("no orun container left for " + execId).isEmpty();
        session.close();
    }

    @Test
    void keepResourcesLeavesTheContainerForDebugging() throws Exception {
        JobContext kept = new JobContext(execId, job("api@dev.build", null), workspace, workspace, Map.of(), true);
        Ran first;
        Ran second;
        try (JobSession session = runner.startJob(kept)) {
            first = step(session, "true");
            second = step(session, "echo second");
        }
        assertThat(TestEngine.containersOf(execId)).hasSize(1);
        String name = TestEngine.containersOf(execId).get(0).getNames()[0].replaceFirst("^/", "");
        assertThat(first.output()).as("the kept container is named once, where the user sees it")
                .isEqualTo("orun: keeping container " + name + " after this job (--keep-workspaces); "
                        + "remove it with: docker rm -f " + name + "\n");
        assertThat(second.output()).isEqualTo("second\n");
        assertThat(TestEngine.containersOf(execId).get(0).getLabels())
                .containsEntry(ContainerLabels.EXEC_ID, execId)
                .containsEntry(ContainerLabels.JOB_ID, "api@dev.build")
                .containsEntry(ContainerLabels.PID, Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void aStepWithItsOwnImageRunsInItsOwnContainer() throws Exception {
        String otherTag = "orun-test/busybox-other:" + execId;
        String[] repoTag = otherTag.split(":");
        TestEngine.require().tagImageCmd(TestEngine.IMAGE, repoTag[0], repoTag[1]).exec();
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            step(session, "echo job > /tmp/where");
            Ran own = step(session, Plans.runIn("own", "cat /tmp/where 2>/dev/null || echo fresh", otherTag),
                    workspace, Map.of(), null);

            assertThat(own.output()).isEqualTo("fresh\n");
            assertThat(TestEngine.containersOf(execId)).hasSize(2);
        } finally {
            TestEngine.require().removeImageCmd(otherTag).exec();
        }
    }

    @Test
    void actionStepsAreRejectedLikeTheLocalRunnerDoes() throws Exception {
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            StepResult result = session.runStep(new StepRequest(Plans.use("checkout", "actions/checkout@v4"),
                    workspace, Map.of(), null, new ByteArrayOutputStream()));
            assertThat(result.succeeded()).isFalse();
            assertThat(result.error()).contains("actions/checkout@v4", "--gha");
        }
    }

    @Test
    void theStepRunsAsTheConfiguredUser() throws Exception {
        runner.close();
        runner = runner(Map.of("image", TestEngine.IMAGE, "user", "65534:65534"), Map.of());
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            assertThat(step(session, "id -u; id -g").output()).isEqualTo("65534\n65534\n");
        }
    }

    @Test
    void userHostRunsAsTheUidAndGidOfThisProcess() throws Exception {
        runner.close();
        runner = runner(Map.of("image", TestEngine.IMAGE, "user", "host"), Map.of());
        String expected = HostUser.current();
        try (JobSession session = runner.startJob(context(job("api@dev.build", null)))) {
            assertThat(step(session, "echo $(id -u):$(id -g)").output()).isEqualTo(expected + "\n");
        }
    }
}
