package dev.orun.exec.internal.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A fold seeded from a snapshot reads the snapshot's maps until its first change, then its own copies. */
class RunFoldSeedTest {

    private static final Instant AT = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void anUnchangedFoldShowsTheSnapshotAndAChangeLeavesTheSnapshotAlone() {
        Map<String, JobState> jobs = new TreeMap<>(Map.of(
                "a@dev.build", JobStates.finished(JobState.pending("a@dev.build"), Status.SUCCEEDED, AT, null),
                "b@dev.build", JobState.pending("b@dev.build")));
        Map<String, Long> epochs = new HashMap<>(Map.of("a@dev.build", 1L));
        StateFile snapshot = new StateFile("r1", "sum", Status.RUNNING, AT, null, 10, epochs, null, jobs);
        RunFold fold = new RunFold();
        fold.seed(snapshot);

        assertThat(fold.toRunState("r1", "sum").jobs()).isEqualTo(snapshot.jobs());

        Holder holder = new Holder("h", 1, AT, "host");
        fold.apply(JournalEntry.claim("b@dev.build", 1, AT, AT.plusSeconds(30), holder));
        fold.apply(JournalEntry.claim("a@dev.build", 2, AT, AT.plusSeconds(30), holder));

        assertThat(fold.job("b@dev.build").status()).isEqualTo(Status.RUNNING);
        assertThat(fold.epoch("a@dev.build")).isEqualTo(2);
        assertThat(fold.lease("b@dev.build")).isPresent();
        assertThat(snapshot.jobs().get("b@dev.build").status()).as("the snapshot").isEqualTo(Status.PENDING);
        assertThat(snapshot.epochs()).containsExactly(Map.entry("a@dev.build", 1L));
        assertThat(snapshot.leases()).isEmpty();
    }
}
