package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.Status;
import dev.orun.exec.records.FileRunRecords;
import dev.orun.core.state.RunSummary;
import java.io.PrintWriter;
import java.io.StringWriter;
import dev.orun.core.runner.contract.LiveProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

@Tag("slow")
class BackgroundLauncherRecordsTest {

    @TempDir
    Path workspace;

    @Test
    void childArgumentsDropBackgroundAndPinTheExecId() {
        assertThat(BackgroundLauncher.childArguments(
                List.of("run", "--background", "--exec-id", "old", "api", "--bg", "--exec-id=older", "-e", "dev"),
                "new-1"))
                .containsExactly("run", "api", "-e", "dev", "--exec-id", "new-1");
        assertThat(BackgroundLauncher.childArguments(List.of("run", "--background", "--", "--bg"), "x"))
                .containsExactly("run", "--exec-id", "x", "--", "--bg");
    }

    @Test
    void theJavaCommandOfAClassOnTheClasspathRunsItByName() {
        List<String> command = BackgroundLauncher.javaCommand(BackgroundChild.class);
        assertThat(command).hasSize(4).endsWith(BackgroundChild.class.getName());
        assertThat(command.get(1)).isEqualTo("-cp");
        assertThat(Path.of(command.get(0))).isExecutable();
    }

    @Test
    void launchesADetachedChildThatOutlivesTheCallAndLogsToTheExecutionDirectory() throws Exception {
        Path orunDir = workspace.resolve(".orun");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        StringWriter printed = new StringWriter();

        BackgroundLauncher.Launched launched = new BackgroundLauncher(orunDir).launch(
                new BackgroundLauncher.Request(List.of(java, "-cp", classpath, BackgroundChild.class.getName()),
                        List.of("run", "--background", "api"), "bg-1", workspace),
                new PrintWriter(printed));

        ProcessHandle child = ProcessHandle.of(launched.pid()).orElseThrow();
        // The call returned while the child still waits for its finish file.
        assertThat(child.isAlive()).isTrue();
        assertThat(printed.toString()).contains("exec-id: bg-1", "orun status --watch --exec-id bg-1",
                "orun logs --follow --exec-id bg-1", "log:     .orun/executions/bg-1/background.log");
        Path execDir = orunDir.resolve("executions/bg-1");
        assertThat(execDir.resolve("background.pid")).hasContent(Long.toString(launched.pid()));
        RunSummary starting = new FileRunRecords(orunDir).find("bg-1").orElseThrow();
        assertThat(starting.status()).isEqualTo(Status.PENDING);
        assertThat(starting.inProgress()).isTrue();
        waitForLog(execDir.resolve("background.log"), "stdin: ");
        if (Files.isReadable(Path.of("/proc/self/stat")) && launched.command().get(0).endsWith("setsid")) {
            assertThat(sessionOf(launched.pid())).isNotEqualTo(sessionOf(ProcessHandle.current().pid()));
        }

        Files.createFile(workspace.resolve("finish"));
        // not onExit(): the detached child is not ours, and a zombie never "exits" where PID 1 does not reap
        assertThat(LiveProcesses.awaitGone(launched.pid(), Duration.ofSeconds(60)))
                .as("the background child ended").isTrue();

        String log = Files.readString(execDir.resolve("background.log"));
        assertThat(log).contains("args: run api --exec-id bg-1", "marker: 1", "exec id env: bg-1",
                "stdin: EOF", "to stderr", "child done");
        // the records ask the JDK whether the pid lives, which it answers "yes" until its reaper
        // has collected the exited child: allow that a moment
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (new FileRunRecords(orunDir).find("bg-1").orElseThrow().inProgress()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(new FileRunRecords(orunDir).find("bg-1").orElseThrow().inProgress()).isFalse();
    }

    /** Waits until the child got as far as printing {@code text} (it has exec'd java by then). */
    private static void waitForLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(log) && Files.readString(log).contains(text)) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(log).content().contains(text);
    }

    /** Field 6 of /proc/<pid>/stat: the session id. */
    private static String sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        return afterName.split(" ")[3];
    }
}
