package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.Status;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Claims between real JVM processes sharing one execution id. */
@Tag("slow")
class RecordsClaimAcrossProcessesTest {

    private static final String JOB = "api@dev.build";

    @TempDir
    Path workspace;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private Path orunDir() {
        return workspace.resolve(".orun");
    }

    private Path signals() throws IOException {
        return Files.createDirectories(workspace.resolve("signals"));
    }

    private record Child(Process process, BufferedReader out) {
        String nextLine() throws IOException {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("child exited early: " + new String(process.getErrorStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            return line;
        }
    }

    private Child launch(String mode) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, ClaimingProcess.class.getName(),
                orunDir().toString(), "shared-1", JOB, mode, signals().toString());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        started.add(process);
        return new Child(process, new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)));
    }

    @Test
    void ofTwoProcessesClaimingTheSameJobExactlyOneGetsIt() throws Exception {
        Child first = launch("hold");
        Child second = launch("hold");
        assertThat(first.nextLine()).isEqualTo("OPEN");
        assertThat(second.nextLine()).isEqualTo("OPEN");

        Files.createFile(signals().resolve("go"));
        List<String> outcomes = List.of(first.nextLine(), second.nextLine());

        assertThat(outcomes).containsExactlyInAnyOrder("OUTCOME CLAIMED", "OUTCOME HELD_ELSEWHERE");

        Files.createFile(signals().resolve("release"));
        assertThat(first.nextLine()).isEqualTo("DONE");
        assertThat(second.nextLine()).isEqualTo("DONE");
        assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (FileStateBackend after = new FileStateBackend(orunDir(), "shared-1")) {
            after.open(TestPlans.run("shared-1", TestPlans.plan("demo")));
            assertThat(after.read().job(JOB).status()).isEqualTo(Status.SUCCEEDED);
            assertThat(after.read().job(JOB).attempts()).isEqualTo(1);
            assertThat(after.claim(JOB, Duration.ofMinutes(1)).outcome())
                    .isEqualTo(ClaimResult.Outcome.ALREADY_DONE);
        }
    }

    @Test
    void aJobLeftRunningByADeadProcessIsClaimableAgain() throws Exception {
        Child crashing = launch("crash");
        assertThat(crashing.nextLine()).isEqualTo("OPEN");
        Files.createFile(signals().resolve("go"));
        assertThat(crashing.nextLine()).isEqualTo("OUTCOME CLAIMED");
        assertThat(crashing.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crashing.process().exitValue()).isEqualTo(3);
        dev.orun.core.state.RunSummary crashed = new FileRunRecords(orunDir()).find("shared-1").orElseThrow();
        assertThat(crashed.status()).isEqualTo(Status.RUNNING);
        assertThat(crashed.abandoned()).isTrue();
        assertThat(crashed.inProgress()).isFalse(); // so status --watch and logs --follow stop

        try (FileStateBackend resumed = new FileStateBackend(orunDir(), "shared-1")) {
            resumed.open(TestPlans.run("shared-1", TestPlans.plan("demo")));
            assertThat(resumed.read().job(JOB).status()).isEqualTo(Status.RUNNING);

            assertThat(resumed.claim(JOB, Duration.ofMinutes(1)).isClaimed()).isTrue();
            assertThat(resumed.read().job(JOB).attempts()).isEqualTo(2);
        }
    }

    @Test
    void aLiveProcessKeepsItsJobWhileThisOneWaits() throws Exception {
        Child holder = launch("hold");
        assertThat(holder.nextLine()).isEqualTo("OPEN");
        Files.createFile(signals().resolve("go"));
        assertThat(holder.nextLine()).isEqualTo("OUTCOME CLAIMED");

        try (FileStateBackend other = new FileStateBackend(orunDir(), "shared-1")) {
            other.open(TestPlans.run("shared-1", TestPlans.plan("demo")));
            assertThat(other.claim(JOB, Duration.ofMinutes(1)))
                    .isEqualTo(ClaimResult.heldElsewhere(Status.RUNNING));

            Files.createFile(signals().resolve("release"));
            assertThat(holder.nextLine()).isEqualTo("DONE");
            assertThat(other.read().job(JOB).status()).isEqualTo(Status.SUCCEEDED);
        }
    }
}
