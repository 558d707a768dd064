package dev.orun.core.runner.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Runner} must do, whatever it runs steps on. An implementation's test module
 * extends this class and says how to create its runner; the engine relies on each of these
 * behaviours. Steps are POSIX {@code sh} scripts, so a runner needs a shell and {@code sleep}.
 *
 * <p>Tests that wait for timeouts or stop processes are tagged {@code slow} (run by failsafe in
 * {@code verify}, not by {@code ./mvnw test}).
 */
public abstract class RunnerContract {

    @TempDir
    protected Path workspace;

    private final List<Runner> opened = new ArrayList<>();
    private final String execId = "contract-" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * A runner ready to run steps in {@code workspace}. Use JUnit assumptions to skip, with a
     * message, where it cannot work here (no engine, no image).
     */
    protected abstract Runner newRunner(Path workspace);

    /**
     * A runner told that the services it uses (an engine, a server) live at {@code address}, where
     * nothing answers but a listener that counts connections. A runner with no services returns
     * {@link #newRunner}.
     */
    protected Runner newRunnerWithServicesAt(Path workspace, InetSocketAddress address) {
        return newRunner(workspace);
    }

    /** The execution id of the jobs this suite starts (for cleaning up what a runner leaves). */
    protected final String execId() {
        return execId;
    }

    @AfterEach
    void closeRunners() {
        opened.forEach(Runner::close);
    }

    @Test
    void theStepsExitCodeIsItsResultAndANonZeroExitIsNotAnException() throws Exception {
        try (JobSession session = start()) {
            assertThat(step(session, "exit 0").result()).isEqualTo(StepResult.exited(0));
            StepResult failed = step(session, "exit 3").result();
            assertThat(failed.exitCode()).isEqualTo(3);
            assertThat(failed.timedOut()).isFalse();
            assertThat(failed.succeeded()).isFalse();
            assertThat(step(session, "no-such-command-for-orun").result().exitCode())
                    .isEqualTo(127);
        }
    }

    @Test
    void theStepSeesTheOrunVariablesAndTheJobAndStepEnvironmentItIsGiven() throws Exception {
        Map<String, String> env = new TreeMap<>();
        env.put("ORUN_EXEC_ID", execId);
        env.put("ORUN_JOB_ID", "api@dev.build");
        env.put("ORUN_STEP_ID", "show-env");
        env.put("JOB_LEVEL", "from the job");
        env.put("STEP_LEVEL", "from  the step");
        try (JobSession session = start(env)) {
            Ran ran = step(session, request(script("printf '%s|%s|%s|%s|%s\\n' \"$ORUN_EXEC_ID\" "
                    + "\"$ORUN_JOB_ID\" \"$ORUN_STEP_ID\" \"$JOB_LEVEL\" \"$STEP_LEVEL\""),
                    workspace, env, null));

            assertThat(ran.result().succeeded()).isTrue();
            assertThat(ran.text()).isEqualTo(execId + "|api@dev.build|show-env|from the job|"
                    + "from  the step\n");
        }
    }

    @Test
    void theStepRunsInItsWorkingDirectoryInsideTheJobsWorkspace() throws Exception {
        Path sub = Files.createDirectories(workspace.resolve("services").resolve("api"));
        try (JobSession session = start()) {
            Ran ran = step(session, request(script("pwd; echo made-here > marker.txt"), sub,
                    Map.of(), null));

            assertThat(ran.result().succeeded()).isTrue();
            assertThat(ran.text().trim()).endsWith("/services/api");
            assertThat(sub.resolve("marker.txt")).hasContent("made-here");
        }
    }

    @Test
    void outputReachesTheSinkAsRawBytesWithStderrInterleaved() throws Exception {
        try (JobSession session = start()) {
            Ran raw = step(session, "printf 'one\\ntwo\\r\\ncaf\\303\\251 \\377end'");
            assertThat(raw.bytes()).isEqualTo(new byte[] {'o', 'n', 'e', '\n', 't', 'w', 'o', '\r',
                    '\n', 'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF, 'e', 'n', 'd'});

            Ran both = step(session, "echo to-stdout; echo to-stderr 1>&2; echo again");
            assertThat(both.text()).contains("to-stdout\n", "to-stderr\n", "again\n");
        }
    }

    @Test
    @Tag("slow")
    void aStepOverItsTimeoutIsStoppedWithEverythingItStartedAndTheJobGoesOn() throws Exception {
        String background = uniqueSleepSeconds();
        String foreground = uniqueSleepSeconds();
        // 3 s, not 1: on a loaded machine the shell may take over a second to print "started"
        try (JobSession session = start()) {
            long started = System.nanoTime();
            Ran ran = step(session, request(script("sleep " + background + " & echo started; sleep "
                    + foreground + "; echo never"), workspace, Map.of(), Duration.ofSeconds(3)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(ran.result().timedOut()).isTrue();
            assertThat(ran.result().succeeded()).isFalse();
            assertThat(ran.text()).contains("started").doesNotContain("never");
            assertThat(took).isLessThan(Duration.ofSeconds(30));
            assertNoProcessLeft(background, foreground);

            Ran next = step(session, "echo next-step");
            assertThat(next.result().succeeded()).isTrue();
            assertThat(next.text()).isEqualTo("next-step\n");
        }
    }

    @Test
    @Tag("slow")
    void interruptingTheStepThrowsInterruptedExceptionAndLeavesNoProcess() throws Exception {
        String background = uniqueSleepSeconds();
        String foreground = uniqueSleepSeconds();
        JobSession session = start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread jobThread = new Thread(() -> {
            try {
                outcome.set(session.runStep(request(script("sleep " + background
                        + " & echo started; sleep " + foreground), workspace, Map.of(), null, output)));
            } catch (InterruptedException e) {
                outcome.set(e);
            } catch (RuntimeException e) {
                outcome.set(e);
            }
        }, "contract-job");
        try {
            jobThread.start();
            awaitOutput(output, "started", Duration.ofSeconds(60));

            jobThread.interrupt();
            jobThread.join(Duration.ofSeconds(30).toMillis());

            assertThat(jobThread.isAlive()).as("runStep returned after the interrupt").isFalse();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            assertNoProcessLeft(background, foreground);
        } finally {
            jobThread.interrupt();
            jobThread.join();
            session.close();
        }
    }

    @Test
    void describeSaysHowAJobWouldRunWithoutContactingAnything() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try {
                        Socket accepted = listener.accept();
                        connections.incrementAndGet();
                        accepted.close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "contract-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            Runner runner = newRunnerWithServicesAt(workspace,
                    (InetSocketAddress) listener.getLocalSocketAddress());
            opened.add(runner);

            List<String> lines = runner.describe(context(Map.of()));

            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).isNotBlank());
            Thread.sleep(200);
            assertThat(connections).as("connections made by describe()").hasValue(0);
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    /** A step and its captured output. */
    protected record Ran(StepResult result, byte[] bytes) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private JobSession start() throws InterruptedException {
        return start(Map.of());
    }

    private JobSession start(Map<String, String> jobEnvironment) throws InterruptedException {
        Runner runner = newRunner(workspace);
        opened.add(runner);
        return runner.startJob(context(jobEnvironment));
    }

    private JobContext context(Map<String, String> jobEnvironment) {
        Job job = new Job("api@dev.build", "build", "api", "dev", "contract", "build", null, "",
                ".", List.of(), null, 0, jobEnvironment, Map.of(), Map.of(), List.of());
        return new JobContext(execId, job, workspace, workspace, jobEnvironment, false);
    }

    private static Step script(String run) {
        return new Step("s", "s", null, 0, run, null, null, null, null, null, null, 0, null, null);
    }

    private Ran step(JobSession session, String run) throws InterruptedException {
        return step(session, request(script(run), workspace, Map.of(), null));
    }

    private static Ran step(JobSession session, StepRequest request) throws InterruptedException {
        StepResult result = session.runStep(request);
        return new Ran(result, ((ByteArrayOutputStream) request.output()).toByteArray());
    }

    private static StepRequest request(Step step, Path dir, Map<String, String> env,
                                       Duration timeout) {
        return request(step, dir, env, timeout, new ByteArrayOutputStream());
    }

    private static StepRequest request(Step step, Path dir, Map<String, String> env,
                                       Duration timeout, ByteArrayOutputStream output) {
        return new StepRequest(step, dir, env, timeout, output);
    }

    /** A sleep length no other process uses, so its process can be found by its argument. */
    private static String uniqueSleepSeconds() {
        return Long.toString(ThreadLocalRandom.current().nextLong(3_000_000L, 9_000_000L));
    }

    private static void awaitOutput(ByteArrayOutputStream output, String text, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!output.toString(StandardCharsets.UTF_8).contains(text)) {
            assertThat(System.nanoTime()).as("output \"" + text + "\" within " + limit)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Processes are checked through /proc, which sees local containers' processes too. */
    private static void assertNoProcessLeft(String... sleepArguments) throws InterruptedException {
        assumeTrue(LiveProcesses.supported(), "no /proc here: cannot look for left-over processes");
        for (String argument : sleepArguments) {
            // killing is asynchronous in some runners (a container engine); allow it a moment
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!LiveProcesses.withArgument(argument).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(LiveProcesses.withArgument(argument))
                    .as("live processes running sleep " + argument).isEmpty();
        }
    }
}
