package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * Who ran what, where, when, and how it went — the file backend's {@code metadata.json}, and what
 * every {@link RunRecords} implementation reports per run. {@code host}/{@code pid} name the
 * process that opened the run last; {@code durationMillis} is set once the run finished.
 *
 * <p>Made by state backends (write side) and {@link RunRecords} implementations (read side); read
 * by the CLI's {@code status}. Immutable, any thread.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"execId", "planName", "planChecksum", "planId", "runner", "user", "trigger",
        "host", "pid", "status", "startedAt", "finishedAt", "durationMillis", "jobs"})
public record RunMetadata(String execId, String planName, String planChecksum, String planId,
                          String runner, String user, String trigger, String host, Long pid,
                          Status status, Instant startedAt, Instant finishedAt, Long durationMillis,
                          JobCounts jobs) {

    public RunMetadata {
        jobs = jobs == null ? JobCounts.NONE : jobs;
    }

    public RunMetadata withProgress(Status newStatus, Instant newFinishedAt, JobCounts newJobs) {
        Long duration = newFinishedAt == null || startedAt == null ? null
                : Math.max(0, Duration.between(startedAt, newFinishedAt).toMillis());
        return new RunMetadata(execId, planName, planChecksum, planId, runner, user, trigger, host,
                pid, newStatus, startedAt, newFinishedAt, duration, newJobs);
    }

    /** The run's duration: finished minus started, or up to {@code now} while it runs. */
    @JsonIgnore
    public Duration duration(Instant now) {
        if (startedAt == null) {
            return Duration.ZERO;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }
}
