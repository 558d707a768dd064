package dev.orun.exec.internal.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code state.json}: the run state folded up to byte {@code journalOffset} of
 * {@code journal.jsonl} — a compaction, rewritten in the background; the journal stays the truth.
 * It has the shape of a {@link dev.orun.core.state.RunState} plus {@code journalOffset}, the
 * jobs' last lease {@code epochs} and the claims still open ({@code leases}), so tools that read {@code state.json} alone still work (with a
 * state up to a second old while the run is in progress, exact after it ended).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"execId", "planChecksum", "status", "startedAt", "finishedAt", "journalOffset", "epochs", "leases",
        "jobs"})
public record StateFile(String execId, String planChecksum, Status status, Instant startedAt, Instant finishedAt,
                        long journalOffset, Map<String, Long> epochs, Map<String, Lease> leases,
                        Map<String, JobState> jobs) {

    /**
     * Takes the maps over (every caller passes maps of its own) and keeps them read only: copying
     * a 5000-job run's epochs showed in profiles of {@code orun status}. Only the jobs are kept
     * sorted, for {@link dev.orun.core.state.RunState}, which copies a sorted map in linear time;
     * the file lists every map by key whatever its order here (the mapper sorts map entries).
     */
    public StateFile {
        epochs = epochs == null ? Map.of() : Collections.unmodifiableMap(epochs);
        leases = leases == null ? Map.of() : Collections.unmodifiableMap(leases);
        jobs = jobs == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(jobs));
    }
}
