package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunState;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.RecordsJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code orun status --json} is written field by field; its bytes are exactly those that data
 * binding of the records (their annotations) gives, for every field and every left-out value.
 */
class StatusDocumentsTest {

    private static final Instant AT = Instant.parse("2026-12-01T17:46:12.504682816Z");

    @Test
    void oneRunIsWrittenAsDataBindingWritesIt() {
        RunMetadata meta = new RunMetadata("big", "bench ✓", "sha256-5f", "5f42", "local", "root", "manual", "vm",
                20859L, Status.RUNNING, AT, null, null, new JobCounts(3, 1, 1, 1, 0, 0, 0));
        Map<String, JobState> jobs = new LinkedHashMap<>();
        jobs.put("z@dev.build", new JobState("z@dev.build", Status.FAILED, 2, AT, AT.plusSeconds(3), "exit 3 \"quoted\"\n",
                List.of(new StepState("s", Status.FAILED, 3, AT, AT.plusMillis(1500), "exit 3"),
                        new StepState("lint", Status.SUCCEEDED, 0, AT, AT, "", Map.of("b", "2", "a", "1 ✓"), "## Sum",
                                List.of(new Annotation("warning", "unused", "Style", "A.java", 3),
                                        new Annotation("error", "boom", null, null, null))),
                        new StepState("later", Status.PENDING, null, null, null, null))));
        jobs.put("a@dev.build", new JobState("a@dev.build", Status.SUCCEEDED, 1, AT.minusSeconds(1), AT, null, List.of()));
        jobs.put("m@dev.build", JobState.pending("m@dev.build"));
        RunRecord run = new RunRecord(new RunSummary("big", meta, false),
                new RunState("big", "sha256-5f", Status.RUNNING, AT, null, jobs), List.of());

        assertThat(StatusDocuments.run(run)).isEqualTo(byDataBinding(run));
        RunRecord bare = new RunRecord(new RunSummary("x", new RunMetadata("x", null, null, null, null, null, null, null,
                null, null, null, null, null, null), true), new RunState("x", null, null, null, null, null), List.of());
        assertThat(StatusDocuments.run(bare)).isEqualTo(byDataBinding(bare));
    }

    @Test
    void theListOfRunsIsWrittenAsDataBindingWritesIt() {
        List<RunSummary> runs = List.of(
                new RunSummary("b", new RunMetadata("b", "p", null, null, null, null, null, "h", 7L, Status.SUCCEEDED,
                        AT, AT.plusSeconds(2), 2000L, new JobCounts(1, 0, 0, 1, 0, 0, 0)), false),
                new RunSummary("a", new RunMetadata("a", null, null, null, null, null, "background", null, 9L,
                        Status.RUNNING, AT, null, null, null), true));

        assertThat(StatusDocuments.list(runs)).isEqualTo(listByDataBinding(runs));
        assertThat(StatusDocuments.list(List.of())).isEqualTo("[]\n");
    }

    /** How these documents were made before: a tree from data binding, pretty-printed. */
    private static String byDataBinding(RunRecord run) {
        ObjectNode node = RecordsJson.mapper().createObjectNode();
        node.put("execId", run.execId());
        node.put("inProgress", run.inProgress());
        RunMetadata meta = run.metadata();
        node.set("metadata", RecordsJson.mapper().valueToTree(
                meta.withProgress(meta.status(), meta.finishedAt(), run.jobCounts())));
        node.set("state", RecordsJson.mapper().valueToTree(run.state()));
        return new String(RecordsJson.pretty(node), StandardCharsets.UTF_8);
    }

    private static String listByDataBinding(List<RunSummary> runs) {
        ArrayNode array = RecordsJson.mapper().createArrayNode();
        for (RunSummary run : runs) {
            ObjectNode node = array.addObject();
            node.put("execId", run.execId());
            node.put("inProgress", run.inProgress());
            node.put("abandoned", run.abandoned());
            node.set("metadata", RecordsJson.mapper().valueToTree(run.metadata()));
        }
        return new String(RecordsJson.pretty(array), StandardCharsets.UTF_8);
    }
}
