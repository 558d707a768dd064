package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.runner.contract.LiveProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code orun run} as a real process: signals, crashes and two processes sharing an exec id. */
@Tag("slow")
class RunProcessTest {

    @TempDir
    Path root;

    private String mark(String word) {
        return "echo " + word + " >> " + root.resolve("marker.txt");
    }

    private List<String> marks() throws IOException {
        Path marker = root.resolve("marker.txt");
        return Files.exists(marker) ? Files.readAllLines(marker) : List.of();
    }

    private static void awaitFile(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(file) && !Files.readString(file).isBlank())) {
            assertThat(process.isAlive()).as("orun ended before " + file + " appeared").isTrue();
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A killed orphan may stay a zombie where PID 1 does not reap: that is not alive. */
    private static boolean alive(long pid) {
        return LiveProcesses.isAlive(pid);
    }

    @Test
    void sigintStopsEveryStepProcessTreeRecordsCancelledAndExits130() throws Exception {
        Path pidFile = root.resolve("grandchild.pid");
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "sleep 600 & echo $! > " + pidFile + "; wait")
                .component("api", mark("api"), "db")
                .write();
        Path output = root.resolve("out.txt");
        Process orun = OrunProcess.start(root, output, "run", "--exec-id", "int-1");
        awaitFile(pidFile, orun);
        long grandchild = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(alive(grandchild)).isTrue();

        OrunProcess.signal(orun, "INT");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orun.exitValue()).as(Files.readString(output)).isEqualTo(130);
        assertThat(alive(grandchild)).isFalse();
        assertThat(marks()).isEmpty();
        String state = Files.readString(ws.root().resolve(".orun/executions/int-1/state.json"));
        assertThat(state).contains("\"cancelled\"").doesNotContain("\"running\"");
        assertThat(Files.readString(output)).contains("Interrupted");
    }

    @Test
    void sigintDuringIsolatedJobsStopsTheirStepsAndLeavesNoWorkspaceBehind(@TempDir Path outside) throws Exception {
        Path started = outside.resolve("started.txt");
        String marker = "sleep 60" + ProcessHandle.current().pid() % 10_000;
        new TestWorkspace(root)
                .component("db", "echo db > " + started + "; " + marker + " & " + marker + " & wait")
                .component("web", "echo web >> " + started + "; " + marker + "; echo done > " + outside.resolve("web"))
                .component("api", mark("api"), "db")
                .write();
        Path output = root.resolve("out.txt");
        Process orun = OrunProcess.start(root, output, "run", "--exec-id", "iso-int", "--isolation", "workspace",
                "--component-concurrency", "0", "--concurrency", "2");
        awaitFile(started, orun);
        Thread.sleep(300);

        OrunProcess.signal(orun, "INT");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(Files.readString(output).contains("linked staging"),
                "namespaces unavailable here: isolation fell back to linked staging");
        assertThat(orun.exitValue()).as(Files.readString(output)).isEqualTo(130);
        assertThat(ProcessHandle.allProcesses().filter(p -> alive(p.pid())
                && p.info().commandLine().orElse("").contains(marker)).toList())
                .as("steps left running").isEmpty();
        assertThat(outside.resolve("web")).doesNotExist();
        assertThat(root.resolve(".orun/workspaces")).as("stages left behind").doesNotExist();
    }

    @Test
    void afterSigkillAResumeWithTheSameExecIdRunsOnlyWhatDidNotSucceed() throws Exception {
        Path started = root.resolve("api-started");
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", mark("db"))
                .component("api", mark("api") + "; test -f " + root.resolve("resumed")
                        + " || { echo x > " + started + "; sleep 600; }", "db")
                .component("web", mark("web"), "api")
                .write();
        Process first = OrunProcess.start(root, root.resolve("first.txt"), "run", "--exec-id", "crash-1");
        awaitFile(started, first);

        OrunProcess.signal(first, "KILL");
        first.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(root.resolve("resumed"), "");
        Process second = OrunProcess.start(root, root.resolve("second.txt"), "run", "--exec-id", "crash-1");

        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(root.resolve("second.txt"))).isZero();
        assertThat(marks()).containsExactly("db", "api", "api", "web");
        assertThat(ws.root().resolve(".orun/executions/crash-1")).isDirectory();
    }

    @Test
    void twoProcessesRunningTheSameJobOfOneExecutionRunItsStepsOnce() throws Exception {
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", mark("db") + "; sleep 2").write();
        Process a = OrunProcess.start(root, root.resolve("a.txt"), "run", "--job", "db@dev.build",
                "--exec-id", "shared-1");
        Process b = OrunProcess.start(root, root.resolve("b.txt"), "run", "--job", "db@dev.build",
                "--exec-id", "shared-1");

        assertThat(a.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(a.exitValue()).as(Files.readString(root.resolve("a.txt"))).isZero();
        assertThat(b.exitValue()).as(Files.readString(root.resolve("b.txt"))).isZero();
        assertThat(marks()).containsExactly("db");
        assertThat(ws.root().resolve(".orun/executions/shared-1")).isDirectory();
    }

    @Test
    void backgroundReturnsAtOnceAndTheDetachedRunCompletesTheJobs() throws Exception {
        TestWorkspace ws = new TestWorkspace(root).component("db", mark("db")).write();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--background", "--exec-id", "bg-1");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("background run started").contains("bg-1");
        Path state = ws.root().resolve(".orun/executions/bg-1/metadata.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(state) && Files.readString(state).replace(" ", "")
                .contains("\"status\":\"succeeded\""))) {
            assertThat(System.nanoTime()).as("background run did not finish").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(marks()).containsExactly("db");
    }
}
