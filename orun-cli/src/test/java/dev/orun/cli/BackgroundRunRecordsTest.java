package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.Status;
import dev.orun.exec.records.FileRunRecords;
import dev.orun.core.state.RunSummary;
import dev.orun.core.runner.contract.LiveProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code orun run --background}: returns at once, a detached JVM runs the plan into the same records. */
@Tag("slow")
class BackgroundRunRecordsTest {

    @TempDir
    Path root;

    @Test
    void aBackgroundRunReturnsItsExecIdAndTheDetachedChildCompletesTheRun() throws Exception {
        Path marker = root.resolve("marker.txt");
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "echo db >> " + marker)
                .component("api", "echo api >> " + marker, "db")
                .write();

        Cli cli = Cli.run("run", "--background", "-i", ws.intent().toString(), "--exec-id", "bg-run-1");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("✓ background run started", "exec-id: bg-run-1",
                "orun status --watch --exec-id bg-run-1", "orun logs --follow --exec-id bg-run-1");
        Matcher pid = Pattern.compile("pid:\\s+(\\d+)").matcher(cli.out());
        assertThat(pid.find()).isTrue();

        assertThat(LiveProcesses.awaitGone(Long.parseLong(pid.group(1)), Duration.ofSeconds(120)))
                .as("the background child ended").isTrue();
        FileRunRecords records = new FileRunRecords(root.resolve(".orun"));
        RunSummary run = records.find("bg-run-1").orElseThrow();
        Path log = root.resolve(".orun/executions/bg-run-1/background.log");
        assertThat(run.status()).as(Files.exists(log) ? Files.readString(log) : "no background.log")
                .isEqualTo(Status.SUCCEEDED);
        assertThat(run.metadata().trigger()).isEqualTo("background");
        assertThat(Files.readAllLines(marker)).containsExactly("db", "api");
        assertThat(log).content().doesNotContain("orun:");
    }
}
