package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.exec.internal.records.RecordsJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What a reader does with {@code state.json}: it stands for the journal up to the offset it
 * records, so only the lines after it are folded; it is one line of JSON, and the indented
 * snapshots of earlier versions (with or without the offset) read the same.
 */
class SnapshotCoverageTest extends RecordsTestSupport {

    private final Plan plan = TestPlans.plan("release");

    @Test
    void theFinalSnapshotCoversTheWholeJournalAndIsOneLine() throws Exception {
        finishedRun();
        Path journal = orunDir().resolve("executions/r1/journal.jsonl");
        String snapshot = Files.readString(orunDir().resolve("executions/r1/state.json"));

        assertThat(snapshot.lines()).hasSize(1);
        assertThat(snapshot).endsWith("}\n");
        assertThat(json(orunDir().resolve("executions/r1/state.json")).path("journalOffset").asLong())
                .isEqualTo(Files.size(journal));
    }

    @Test
    void journalLinesTheSnapshotCoversAreNotReadAgainOnlyTheRestIsFolded() throws Exception {
        finishedRun();
        Path journal = orunDir().resolve("executions/r1/journal.jsonl");
        // damage a line the snapshot covers (same length, so offsets stay): a reader that folded
        // the whole journal would fail on it
        byte[] bytes = Files.readAllBytes(journal);
        for (int i = 0; bytes[i] != '\n'; i++) {
            bytes[i] = '#';
        }
        Files.write(journal, bytes);
        Files.writeString(journal, "{\"kind\":\"reset\",\"job\":\"api@dev.build\"}\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        RunState state = new FileRunRecords(orunDir()).load("r1").state();

        assertThat(state.job("api@dev.build").status()).as("the line after the snapshot").isEqualTo(Status.PENDING);
        assertThat(state.job("api@dev.deploy").status()).as("from the snapshot").isEqualTo(Status.FAILED);
    }

    @Test
    void anIndentedSnapshotOfAnEarlierVersionReadsAsTheOneLineSnapshot() throws Exception {
        finishedRun();
        Path stateFile = orunDir().resolve("executions/r1/state.json");
        RunState compact = new FileRunRecords(orunDir()).load("r1").state();

        Files.write(stateFile, RecordsJson.pretty(RecordsJson.mapper().readTree(stateFile.toFile())));
        assertThat(Files.readString(stateFile).lines().count()).isGreaterThan(20);

        assertThat(new FileRunRecords(orunDir()).load("r1").state()).isEqualTo(compact);
    }

    @Test
    void aSnapshotWithoutAJournalOffsetFromBeforeTheJournalStillReads() throws Exception {
        finishedRun();
        Path dir = orunDir().resolve("executions/r1");
        RunState before = new FileRunRecords(orunDir()).load("r1").state();
        ObjectNode old = (ObjectNode) json(dir.resolve("state.json"));
        old.remove("journalOffset");
        old.remove("epochs");
        old.remove("leases");
        Files.write(dir.resolve("state.json"), RecordsJson.pretty(old));
        Files.delete(dir.resolve("journal.jsonl"));

        RunState after = new FileRunRecords(orunDir()).load("r1").state();

        assertThat(after.jobs()).isEqualTo(before.jobs());
        assertThat(after.job("api@dev.build").status()).isEqualTo(Status.SUCCEEDED);
    }

    private void finishedRun() throws Exception {
        try (FileStateBackend backend = open("r1", plan)) {
            runJob(backend, "api@dev.build", Status.SUCCEEDED, "compile", "test");
            runJob(backend, "api@dev.deploy", Status.FAILED, "push");
            backend.finish(Status.FAILED, Instant.now());
        }
    }
}
