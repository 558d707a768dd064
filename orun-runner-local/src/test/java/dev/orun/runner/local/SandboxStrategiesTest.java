package dev.orun.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.runner.WorkspaceOverlay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways the local runner isolates a step — the perl helper and, without perl, the unshare
 * chain — behave alike: exit status, output, exactly the step's environment, timeouts that leave
 * no process, nothing left running after a step however it detached (background, {@code setsid},
 * double fork), a TERM handler that runs when the step is stopped and no further command of a
 * stopped script, writes kept in the job's upper directory. Skipped where namespaces are
 * unavailable.
 */
@Tag("slow")
class SandboxStrategiesTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;

    private Runner runner(Map<String, String> environment) throws IOException {
        Files.createDirectories(root.resolve(".orun"));
        Runner runner = new LocalRunnerProvider().create(new RunnerSettings(root, Map.of(), environment));
        var refused = runner.overlayUnavailableReason(root.resolve(".orun"));
        assumeTrue(refused.isEmpty(), () -> "namespaces unavailable here: " + refused.orElse(""));
        return runner;
    }

    private JobSession session(Runner runner, String command) throws Exception {
        Path upper = Files.createDirectories(root.resolve(".orun/ws/upper"));
        Path work = Files.createDirectories(root.resolve(".orun/ws/work"));
        Job job = new Job("api@dev.build", "build", "api", "dev", "shell", "build", null, null, "api", List.of(),
                null, 0, Map.of(), Map.of(), Map.of(), List.of(step(command)));
        return runner.startJob(new JobContext("e1", job, root, root, Map.of(), false,
                new WorkspaceOverlay(root, upper, work, List.of(root.resolve(".orun")))));
    }

    private static Step step(String command) {
        return new Step("s", null, null, 0, command, null, null, null, null, null, null, 0, null, null);
    }

    private StepResult run(JobSession session, String command, Duration timeout, ByteArrayOutputStream output)
            throws InterruptedException {
        return session.runStep(new StepRequest(step(command), root.resolve("api"), Map.of("ONLY_THIS", "value"),
                timeout, output));
    }

    private void behavesAsAnIsolatedStep(Runner runner, String mechanism) throws Exception {
        Files.createDirectories(root.resolve("api"));
        Files.writeString(root.resolve("api/main.txt"), "source");
        try (runner) {
            JobSession session = session(runner, "true");
            assertThat(String.join("\n", runner.describe(jobContext(session)))).contains(mechanism);

            ByteArrayOutputStream output = new ByteArrayOutputStream();
            StepResult result = run(session, "echo out; echo err >&2; echo \"$ONLY_THIS\" \"$(pwd)\"; "
                    + "echo changed > main.txt; echo new > ../new.txt; exit 3", null, output);

            assertThat(result.exitCode()).as(output.toString(StandardCharsets.UTF_8)).isEqualTo(3);
            assertThat(output.toString(StandardCharsets.UTF_8))
                    .contains("out\n", "err\n", "value " + root.resolve("api"));
            assertThat(root.resolve("api/main.txt")).hasContent("source");
            assertThat(root.resolve("new.txt")).doesNotExist();
            assertThat(root.resolve(".orun/ws/upper/api/main.txt")).hasContent("changed");
            assertThat(root.resolve(".orun/ws/upper/new.txt")).hasContent("new");

            String marker = "sleep 1023" + mechanism.length();
            long started = System.nanoTime();
            StepResult timedOut = run(session, "(" + marker + " &) ; " + marker, Duration.ofMillis(500),
                    new ByteArrayOutputStream());
            assertThat(timedOut.timedOut()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(ProcessHandle.allProcesses().filter(p -> p.isAlive()
                    && p.info().commandLine().orElse("").contains(marker)).toList()).isEmpty();

            String left = "sleep 1024" + mechanism.length();
            StepResult daemonised = run(session, left + " >/dev/null 2>&1 & setsid " + left
                    + " >/dev/null 2>&1 & (setsid sh -c '" + left + " & exit' &) ; echo started", null,
                    new ByteArrayOutputStream());
            assertThat(daemonised.exitCode()).isZero();
            assertThat(running(left)).as("what a successful step left running").isEmpty();

            Path trapped = outside.resolve("trapped-" + mechanism.length());
            long stopping = System.nanoTime();
            StepResult cleanedUp = run(session, "trap 'echo cleaned > " + trapped + "; exit 1' TERM; " + left
                    + " & wait", Duration.ofMillis(500), new ByteArrayOutputStream());
            assertThat(cleanedUp.timedOut()).isTrue();
            assertThat(trapped).as("a step that handles TERM runs its handler when stopped").hasContent("cleaned");
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
            assertThat(running(left)).isEmpty();

            Path after = outside.resolve("after-" + mechanism.length());
            StepResult stopped = run(session, left + "; echo next > " + after, Duration.ofMillis(500),
                    new ByteArrayOutputStream());
            assertThat(stopped.timedOut()).isTrue();
            Thread.sleep(300);
            assertThat(after).as("a stopped step's script does not go on to its next command").doesNotExist();
            assertThat(running(left)).isEmpty();
        }
    }

    /** Live processes (zombies count as ended) whose command line contains {@code marker}. */
    private static List<ProcessHandle> running(String marker) {
        return ProcessHandle.allProcesses().filter(p -> ProcessTrees.running(p)
                && p.info().commandLine().orElse("").contains(marker)).toList();
    }

    /** The job context the session was started with (describe needs one). */
    private JobContext jobContext(JobSession ignored) throws IOException {
        Path upper = root.resolve(".orun/ws/upper");
        Job job = new Job("api@dev.build", "build", "api", "dev", "shell", "build", null, null, "api", List.of(),
                null, 0, Map.of(), Map.of(), Map.of(), List.of(step("true")));
        return new JobContext("e1", job, root, root, Map.of(), false,
                new WorkspaceOverlay(root, upper, root.resolve(".orun/ws/work"), List.of(root.resolve(".orun"))));
    }

    @Test
    void theCompiledHelperRunsAStepInItsOverlay() throws Exception {
        assumeTrue(new Executables(System.getenv()).find("cc").isPresent(), "no C compiler here");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("HOME", outside.resolve("home").toString());
        behavesAsAnIsolatedStep(runner(environment), "compiled helper");
        assertThat(outside.resolve("home/.orun/sandbox")).isDirectoryContaining("glob:**/sandbox-helper-*");
    }

    @Test
    void thePerlHelperRunsAStepInItsOverlay() throws Exception {
        assumeTrue(new Executables(System.getenv()).find("perl").isPresent(), "perl is not installed here");
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("ORUN_SANDBOX", "perl");
        behavesAsAnIsolatedStep(runner(environment), "perl helper");
    }

    @Test
    void withoutACompilerThePerlHelperIsUsed() throws Exception {
        Path bin = Files.createDirectories(outside.resolve("bin-without-cc"));
        Executables host = new Executables(System.getenv());
        assumeTrue(host.find("perl").isPresent(), "perl is not installed here");
        for (String program : List.of("sh", "perl", "unshare", "mount", "umount", "id", "touch", "sleep")) {
            Files.createSymbolicLink(bin.resolve(program), host.find(program).orElseThrow());
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PATH", bin.toString());
        environment.put("HOME", outside.resolve("home-without-cc").toString());
        behavesAsAnIsolatedStep(runner(environment), "perl helper");
    }

    @Test
    void withoutACompilerOrPerlTheUnshareChainRunsAStepInItsOverlay() throws Exception {
        Path bin = Files.createDirectories(outside.resolve("bin-without-perl"));
        Executables host = new Executables(System.getenv());
        for (String program : List.of("sh", "unshare", "mount", "umount", "id", "touch", "sleep")) {
            Files.createSymbolicLink(bin.resolve(program), host.find(program).orElseThrow());
        }
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("PATH", bin.toString());
        environment.put("HOME", outside.resolve("home-without-helpers").toString()); // no compiled helper kept there
        behavesAsAnIsolatedStep(runner(environment), "unshare, sh and mount per step");
    }
}
