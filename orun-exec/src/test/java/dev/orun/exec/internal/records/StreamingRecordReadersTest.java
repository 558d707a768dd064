package dev.orun.exec.internal.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * metadata.json and journal lines read with the streaming parser give exactly what data binding
 * gives — the readers of records (status, logs, resume) no longer build the data-binding mapper.
 */
class StreamingRecordReadersTest {

    private static final Instant AT = Instant.parse("2026-12-01T17:46:12.504682816Z");
    private static final Holder HOLDER = new Holder("d32752fa", 20859, AT.minusSeconds(40), "box");

    @Test
    void readsMetadataAsDataBindingDoes() throws IOException {
        RunMetadata full = new RunMetadata("big", "status-bench", "sha256-5f42", "5f42500b5a57", "local", "root",
                "manual", "vm", 20859L, Status.SUCCEEDED, AT, AT.plusSeconds(86), 86137L,
                new JobCounts(5000, 1, 2, 4990, 3, 2, 2));
        RunMetadata sparse = new RunMetadata("x", null, null, null, null, null, null, null, null, Status.RUNNING,
                AT, null, null, null);
        for (RunMetadata meta : List.of(full, sparse)) {
            byte[] pretty = RecordsJson.pretty(meta);
            assertThat(MetadataReader.read(pretty))
                    .isEqualTo(RecordsJson.mapper().readValue(pretty, RunMetadata.class))
                    .isEqualTo(meta);
        }
    }

    @Test
    void readsOlderAndLaterMetadataShapes() throws IOException {
        byte[] older = """
                {"execId":"old","status":"FAILED","startedAt":"2026-12-01T18:46:12+01:00","durationMillis":"1500",
                 "pid":null,"jobs":{"total":2,"failed":1,"succeeded":1,"later":{"x":[1]}},"addedLater":[{"a":1}]}
                """.getBytes(StandardCharsets.UTF_8);

        RunMetadata read = MetadataReader.read(older);

        assertThat(read).isEqualTo(RecordsJson.mapper().readValue(older, RunMetadata.class));
        assertThat(read.durationMs()).isEqualTo(1500L);
        assertThat(read.status()).isEqualTo(Status.FAILED);
        assertThat(read.startedAt()).isEqualTo(Instant.parse("2026-12-01T17:46:12Z"));
        assertThat(read.jobs()).isEqualTo(new JobCounts(2, 0, 0, 1, 1, 0, 0));
    }

    @Test
    void readsEveryKindOfJournalLineAsDataBindingDoes() throws IOException {
        StepState step = new StepState("lint", Status.SUCCEEDED, 0, AT, AT.plusMillis(3), null,
                Map.of("version", "1.2"), "## Lint", List.of(new Annotation("warning", "unused", "Style", "A.java", 3)));
        List<JournalEntry> entries = List.of(
                JournalEntry.open(AT, HOLDER),
                JournalEntry.claim("a@dev.build", 3, AT, AT.plusSeconds(30), HOLDER),
                JournalEntry.renew("a@dev.build", 3, AT.plusSeconds(40)),
                JournalEntry.release("a@dev.build", 3),
                JournalEntry.step("a@dev.build", 3, step),
                JournalEntry.step("a@dev.build", 3, new StepState("s", Status.RUNNING, null, AT, null, null)),
                JournalEntry.end("a@dev.build", 3, Status.FAILED, AT, "step \"s\" failed: exit 2 ✗"),
                JournalEntry.notRun("b@dev.build", Status.SKIPPED, AT, "needs a@dev.build"),
                JournalEntry.reset("a@dev.build"),
                JournalEntry.run(Status.SUCCEEDED, AT));
        for (JournalEntry entry : entries) {
            byte[] line = RecordsJson.compact(entry);
            byte[] framed = new byte[line.length + 10];
            System.arraycopy(line, 0, framed, 5, line.length);
            assertThat(JournalLineReader.read(framed, 5, line.length)).as(new String(line, StandardCharsets.UTF_8))
                    .isEqualTo(RecordsJson.mapper().readValue(line, JournalEntry.class))
                    .isEqualTo(entry);
        }
    }

    @Test
    void journalLinesOfLaterVersionsKeepWhatThisVersionKnows() throws IOException {
        byte[] line = """
                {"kind":"teleport","job":"a@dev.build","epoch":"7","extra":{"deep":[{"x":null}]},"at":1700000000}
                """.strip().getBytes(StandardCharsets.UTF_8);

        JournalEntry read = JournalLineReader.read(line, 0, line.length);

        assertThat(read).isEqualTo(RecordsJson.mapper().readValue(line, JournalEntry.class));
        assertThat(read.kind()).isEqualTo("teleport");
        assertThat(read.epoch()).isEqualTo(7L);
    }

    @Test
    void damagedLinesAndFilesAreErrors() {
        for (String bad : List.of("{\"kind\":\"end\",\"status\":\"exploded\"}", "{\"kind\":\"claim\",\"epoch\":\"x\"}",
                "{\"kind\":\"end\",\"at\":\"yesterday\"}", "[1,2]", "{\"kind\":\"end\"", "null", "")) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> JournalLineReader.read(bytes, 0, bytes.length)).as(bad)
                    .isInstanceOf(IOException.class);
        }
        byte[] whole = RecordsJson.pretty(new RunMetadata("x", "p", null, null, null, null, null, null, 1L,
                Status.RUNNING, AT, null, null, null));
        assertThatThrownBy(() -> MetadataReader.read(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetadataReader.read("{\"jobs\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void knowsEveryFieldOfTheRecordsItReads() {
        // a field added to these records must be taught to the streaming readers, or reads drop it
        assertThat(Arrays.stream(RunMetadata.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("execId", "planName", "planChecksum", "planId", "runner", "user", "trigger", "host",
                        "pid", "status", "startedAt", "finishedAt", "durationMs", "jobs");
        assertThat(Arrays.stream(JobCounts.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("total", "pending", "running", "succeeded", "failed", "skipped", "cancelled");
        assertThat(Arrays.stream(JournalEntry.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("kind", "job", "epoch", "at", "until", "holder", "pid", "pidStart", "host", "status",
                        "error", "step");
        assertThat(Arrays.stream(Lease.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("epoch", "holder", "until");
        assertThat(Arrays.stream(Holder.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("id", "pid", "pidStart", "host");
        assertThat(Arrays.stream(Annotation.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("level", "message", "title", "file", "line");
    }
}
