package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of one execution: the run's status and every job's state, keyed by job id.
 *
 * <p>Made by {@link StateBackend} implementations ({@code open}, {@code read}) and by
 * {@link RunRecords} implementations; read by the engine (the thread running the execution and job
 * threads) and the CLI. Immutable, safe in any thread.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"execId", "planChecksum", "status", "startedAt", "finishedAt", "jobs"})
public record RunState(String execId, String planChecksum, Status status, Instant startedAt,
                       Instant finishedAt, Map<String, JobState> jobs) {

    public RunState {
        // sorted and seen as sorted, so a copy of a copy is linear (a 5000-job run is copied a few times per read)
        jobs = jobs == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(jobs));
    }

    public JobState job(String jobId) {
        return jobs.getOrDefault(jobId, JobState.pending(jobId));
    }
}
