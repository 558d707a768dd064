package dev.orun.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL leaves stages behind; resuming the exec id to success removes them all. */
@Tag("slow")
class StageCleanupTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;

    private Process start(Path output, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("ORUN_EXEC_ID");
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void aResumedRunLeavesNoStageBehindWithNamespaces() throws Exception {
        resumedRunLeavesNoStageBehind("on");
    }

    @Test
    void aResumedRunLeavesNoStageBehindWithTheFallbackStaging() throws Exception {
        resumedRunLeavesNoStageBehind("off");
    }

    private void resumedRunLeavesNoStageBehind(String namespaces) throws Exception {
        Path started = outside.resolve("started");
        Path resumed = outside.resolve("resumed");
        new TestWorkspace(root).execution(2, true)
                .component("a", "true").component("b", "true").component("c", "true")
                .component("slow", "test -f " + resumed + " || { echo x > " + started + "; sleep 6021; }",
                        "a", "b", "c")
                .write();
        Map<String, String> env = Map.of("ORUN_NAMESPACES", namespaces);
        Process first = start(outside.resolve("first.txt"), env, "run", "--exec-id", "stages-1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(started)) {
            assertThat(first.isAlive()).as(Files.readString(outside.resolve("first.txt"))).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(root.resolve(".orun/workspaces/stages-1")).isDirectory();
        Files.writeString(resumed, "");

        Process second = start(outside.resolve("second.txt"), env, "run", "--exec-id", "stages-1");

        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(outside.resolve("second.txt"))).isZero();
        assertThat(root.resolve(".orun/workspaces")).doesNotExist();
    }

    /** The killed run's step outlived it (SIGKILL gives orun no chance); end it. */
    @org.junit.jupiter.api.AfterEach
    void endTheKilledRunsStep() {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 6021"))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
