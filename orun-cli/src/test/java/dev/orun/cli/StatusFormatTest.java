package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunState;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.Status;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The job tree of `orun status`: grouped by component, environments shown when there are several. */
class StatusFormatTest {

    private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void groupsJobsByComponentAndNamesTheEnvironmentOnlyWhenThereAreSeveral() {
        String one = StatusFormat.frame(run(job("api@dev.build", Status.SUCCEEDED), job("api@dev.test", Status.FAILED),
                job("web@dev.build", Status.PENDING)), START);
        assertThat(one).contains(String.join(System.lineSeparator(), "", "  ● api", "    ✗ test  1.5s", "    ✓ build  1.5s",
                "", "  ● web", "    ○ build", ""));

        String several = StatusFormat.frame(run(job("api@dev.build", Status.SUCCEEDED),
                job("api@prod.build", Status.SUCCEEDED)), START);
        assertThat(several).contains("    ✓ dev/build  1.5s").contains("    ✓ prod/build  1.5s");
    }

    @Test
    void idsThatAreNotPlainSplitAsTheJobIdParserSplitsThem() {
        String text = StatusFormat.frame(run(job("api@dev.push@v2", Status.SUCCEEDED), job("not an id", Status.PENDING),
                job("api@dev.", Status.PENDING), job("日本@dev.build", Status.SUCCEEDED)), START);

        // the unparsable ids are in environment "?", so every job names its environment
        assertThat(text).contains("  ● api" + System.lineSeparator() + "    ✓ dev/push@v2  1.5s")
                .contains("  ● ?").contains("    ○ ?/not an id").contains("    ○ ?/api@dev.")
                .contains("  ● 日本" + System.lineSeparator() + "    ✓ dev/build  1.5s");
    }

    private static JobState job(String id, Status status) {
        boolean ran = status != Status.PENDING;
        return new JobState(id, status, ran ? 1 : 0, ran ? START : null, ran ? START.plusMillis(1500) : null,
                null, List.of());
    }

    private static RunRecord run(JobState... jobs) {
        Map<String, JobState> byId = new TreeMap<>(List.of(jobs).stream()
                .collect(Collectors.toMap(JobState::jobId, Function.identity())));
        RunMetadata meta = new RunMetadata("r1", "plan", null, null, "local", null, null, null, null, Status.FAILED,
                START, START.plusSeconds(2), 2000L, JobCounts.of(byId.values()));
        return new RunRecord(new RunSummary("r1", meta, false),
                new RunState("r1", null, Status.FAILED, START, START.plusSeconds(2), byId), List.of());
    }
}
