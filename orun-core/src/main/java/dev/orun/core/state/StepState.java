package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded state of one step of one job. {@code exitCode} is null until the step ends.
 * {@code outputs}, {@code summary} and {@code annotations} are what the step reported through
 * its runner (GitHub's step outputs, step summary and annotations), already masked.
 *
 * <p>Made by the engine's job threads (passed to {@link StateBackend#stepFinished}) and by state
 * backends; read by the CLI and embedders from any thread. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"stepId", "status", "exitCode", "startedAt", "finishedAt", "error", "outputs",
        "summary", "annotations"})
public record StepState(String stepId, Status status, Integer exitCode, Instant startedAt,
                        Instant finishedAt, String error, Map<String, String> outputs,
                        String summary, List<Annotation> annotations) {

    public StepState {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public StepState(String stepId, Status status, Integer exitCode, Instant startedAt,
                     Instant finishedAt, String error) {
        this(stepId, status, exitCode, startedAt, finishedAt, error, Map.of(), null, List.of());
    }
}
