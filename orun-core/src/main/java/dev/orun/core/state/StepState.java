package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The recorded state of one step of one job. {@code exitCode} is null until the step ends.
 *
 * <p>Made by the engine's job threads (passed to {@link StateBackend#stepFinished}) and by state
 * backends; read by the CLI and embedders from any thread. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"stepId", "status", "exitCode", "startedAt", "finishedAt", "error"})
public record StepState(String stepId, Status status, Integer exitCode, Instant startedAt,
                        Instant finishedAt, String error) {
}
