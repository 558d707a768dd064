package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * The recorded state of one job: its status, timing, how many attempts it took, the error that
 * ended it, and its steps in execution order.
 *
 * <p>Made by state backends as they fold the transitions the engine reports; read by the engine,
 * the CLI and embedders from any thread. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"jobId", "status", "attempts", "startedAt", "finishedAt", "error", "steps"})
public record JobState(String jobId, Status status, int attempts, Instant startedAt,
                       Instant finishedAt, String error, List<StepState> steps) {

    public JobState {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** Every output the job's steps set, by name; a later step's value wins a name clash. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public java.util.Map<String, String> outputs() {
        java.util.Map<String, String> all = new java.util.TreeMap<>();
        steps.forEach(step -> all.putAll(step.outputs()));
        return java.util.Collections.unmodifiableMap(all);
    }

    public static JobState pending(String jobId) {
        return new JobState(jobId, Status.PENDING, 0, null, null, null, List.of());
    }
}
