package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Plan-level execution defaults; {@code orun run} flags override them. */
@JsonPropertyOrder({"concurrency", "failFast", "state"})
public record ExecutionSettings(int concurrency, boolean failFast,
                                @JsonInclude(JsonInclude.Include.NON_EMPTY) StateSettings state) {

    public static final int DEFAULT_CONCURRENCY = 4;

    public static ExecutionSettings defaults() {
        return new ExecutionSettings(DEFAULT_CONCURRENCY, true, null);
    }
}
