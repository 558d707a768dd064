package dev.orun.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C from a terminal sends SIGINT to the whole foreground process group — orun and every step
 * process at once — and a step's background processes ignore it. The test gives a real orun JVM
 * its own process group ({@code setsid}) and signals that group the way a terminal does.
 */
@Tag("slow")
class TerminalInterruptTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;

    private final List<Process> started = new ArrayList<>();

    /** An orun that failed the test may still run: end its process group. */
    @org.junit.jupiter.api.AfterEach
    void endWhatTheTestStarted() throws Exception {
        for (Process orun : started) {
            if (orun.isAlive()) {
                signalGroup(orun, "KILL");
            }
        }
    }

    private Process startInOwnGroup(Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ORUN_EXEC_ID");
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void signalGroup(Process leader, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + leader.pid()).inheritIO().start().waitFor();
    }

    private static void awaitFile(Path file, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("orun ended before " + file + " appeared").isTrue();
            assertThat(System.nanoTime()).as("waiting for " + file).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Live processes (not zombies) whose command line contains {@code marker}. */
    private static List<String> processesRunning(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        for (ProcessHandle process : ProcessHandle.allProcesses().toList()) {
            String line = process.info().commandLine().orElse("");
            Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
            boolean zombie;
            try {
                String text = Files.readString(stat);
                zombie = text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException e) {
                continue; // gone meanwhile
            }
            if (line.contains(marker) && !zombie) {
                found.add(process.pid() + " " + line);
            }
        }
        return found;
    }

    private static void awaitNoProcess(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!processesRunning(marker).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processesRunning(marker)).isEmpty();
    }

    private void interruptedRunLeavesNothing(int concurrency, String suffix) throws Exception {
        Path started = outside.resolve("started");
        new TestWorkspace(root).execution(concurrency, true)
                .component("db", "sleep 1015" + suffix + " >/dev/null 2>&1 & nohup sleep 1016" + suffix
                        + " >/dev/null 2>&1 & echo up > " + started + "; sleep 6015" + suffix)
                .component("api", "sleep 6016" + suffix, "db")
                .write();
        Path output = root.resolve("out.txt");
        Process orun = startInOwnGroup(output, "run", "--exec-id", "tty-1");
        awaitFile(started, orun);
        Thread.sleep(300);

        signalGroup(orun, "INT");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orun.exitValue()).as(Files.readString(output)).isEqualTo(130);
        awaitNoProcess("sleep 1015" + suffix);
        awaitNoProcess("sleep 1016" + suffix);
        awaitNoProcess("sleep 6015" + suffix);
        String state = Files.readString(root.resolve(".orun/executions/tty-1/state.json"));
        com.fasterxml.jackson.databind.JsonNode snapshot = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(state);
        assertThat(snapshot.path("status").asText()).as(state).isEqualTo("cancelled");
        assertThat(state).contains("\"cancelled\"").doesNotContain("\"failed\"")
                .doesNotContain("\"running\"");
    }

    @Test
    void ctrlCToTheProcessGroupStopsBackgroundProcessesRecordsCancelledAndExits130() throws Exception {
        interruptedRunLeavesNothing(1, "1");
    }

    @Test
    void ctrlCToTheProcessGroupOfAnIsolatedRunLeavesNothingEither() throws Exception {
        interruptedRunLeavesNothing(2, "2");
    }

    @Test
    void aSuccessfulStepsNohupProcessDoesNotOutliveIt() throws Exception {
        new TestWorkspace(root)
                .component("db", "nohup sleep 1017 >/dev/null 2>&1 & sleep 1018 >/dev/null 2>&1 &")
                .write();
        Path output = root.resolve("out.txt");
        Process orun = startInOwnGroup(output, "run", "--exec-id", "bg-left");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(orun.exitValue()).as(Files.readString(output)).isZero();
        assertThat(processesRunning("sleep 1017")).isEmpty();
        assertThat(processesRunning("sleep 1018")).isEmpty();
    }
}
