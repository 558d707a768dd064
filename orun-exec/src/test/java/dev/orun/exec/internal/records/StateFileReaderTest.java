package dev.orun.exec.internal.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.core.text.IsoInstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming reader of state.json gives exactly what data binding gives, for every field. */
class StateFileReaderTest {

    @Test
    void readsEverySnapshotFieldAsDataBindingDoesIncludingStepOutputsSummariesAndAnnotations() throws IOException {
        Instant at = Instant.parse("2026-12-01T17:46:12.504682816Z");
        StepState done = new StepState("build", Status.SUCCEEDED, 0, at, at.plusMillis(5), null);
        StepState failed = new StepState("test", Status.FAILED, 3, at.plusSeconds(1), at.plusSeconds(2), "exit 3 ✗");
        StepState pending = new StepState("deploy", Status.PENDING, null, null, null, null);
        StepState reported = new StepState("lint", Status.SUCCEEDED, 0, at, at, null, Map.of("version", "1.2", "sha", "x"),
                "## Lint\nall clean", List.of(new Annotation("warning", "unused import", "Style", "A.java", 3),
                        new Annotation("notice", "done", null, null, null)));
        StateFile state = new StateFile("run-1", "sha256-abc", Status.RUNNING, at, null, 4242,
                Map.of("a@dev.build", 2L, "b@dev.build", 1L),
                Map.of("a@dev.build", new Lease(2, new Holder("h1", 77, at, "box"), at.plusSeconds(60))),
                Map.of("a@dev.build", new JobState("a@dev.build", Status.RUNNING, 2, at, null, null,
                                List.of(done, failed, pending, reported)),
                        "b@dev.build", new JobState("b@dev.build", Status.FAILED, 1, at, at.plusSeconds(9),
                                "step \"test\" failed", List.of()),
                        "c@dev.build", JobState.pending("c@dev.build")));
        byte[] pretty = RecordsJson.pretty(state);

        assertThat(StateFileReader.read(pretty))
                .isEqualTo(RecordsJson.mapper().readValue(pretty, StateFile.class))
                .isEqualTo(state);
        assertThat(StateFileReader.read(RecordsJson.compact(state))).isEqualTo(state);
    }

    @Test
    void skipsUnknownFieldsAndReadsOtherInstantShapes() throws IOException {
        String json = """
                {"execId":"x","future":{"nested":[1,{"a":2}]},"startedAt":"2026-12-01T18:46:12+01:00",
                 "finishedAt":1700000000,
                 "jobs":{"j":{"jobId":"j","status":"SUCCEEDED","extra":[true],"steps":[{"stepId":"s","x":null}]}}}
                """;
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        StateFile read = StateFileReader.read(bytes);

        assertThat(read).isEqualTo(RecordsJson.mapper().readValue(bytes, StateFile.class));
        assertThat(read.startedAt()).isEqualTo(Instant.parse("2026-12-01T17:46:12Z"));
        assertThat(read.jobs().get("j").status()).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aTruncatedOrMistypedSnapshotIsAnError() {
        byte[] whole = RecordsJson.pretty(new StateFile("x", null, Status.SUCCEEDED, null, null, 1, null, null,
                Map.of("j", JobState.pending("j"))));
        assertThatThrownBy(() -> StateFileReader.read(Arrays.copyOf(whole, whole.length / 2)))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StateFileReader.read("{\"jobs\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void parsesRecordedInstantsExactlyAsTheJdk() {
        for (String text : List.of("2026-12-01T17:46:12Z", "2026-12-01T17:46:12.5Z", "2024-02-29T23:59:59.000000001Z",
                "0001-01-01T00:00:00.123456789Z", "1969-12-31T23:59:59.999Z", "2026-12-01T17:46:12.120582845Z")) {
            assertThat(IsoInstants.fast(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (String other : List.of("2023-02-29T00:00:00Z", "2026-12-01T24:00:00Z", "2026-12-01T17:46:12.Z",
                "2026-12-01T17:46:12.1234567890Z", "2026-12-01T17:46:12+01:00", "+12026-12-01T17:46:12Z")) {
            assertThat(IsoInstants.fast(other)).as(other).isNull();
        }
        assertThat(IsoInstants.parse("2026-12-01T18:46:12+01:00")).isEqualTo(Instant.parse("2026-12-01T17:46:12Z"));
    }

    @Test
    void knowsEveryFieldOfTheRecordsItReads() {
        // a field added to these records must be taught to StateFileReader, or snapshots drop it
        assertThat(Arrays.stream(JobState.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("jobId", "status", "attempts", "startedAt", "finishedAt", "error", "steps");
        assertThat(Arrays.stream(StepState.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("stepId", "status", "exitCode", "startedAt", "finishedAt", "error", "outputs",
                        "summary", "annotations");
        assertThat(Arrays.stream(StateFile.class.getRecordComponents()).map(c -> c.getName()))
                .containsExactly("execId", "planChecksum", "status", "startedAt", "finishedAt", "journalOffset",
                        "epochs", "leases", "jobs");
    }
}
