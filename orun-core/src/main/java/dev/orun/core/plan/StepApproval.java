package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The approval gate of a {@code workflow:} step: a prompt, how long to wait, and what to do when
 * nobody answers ({@code fail} or {@code proceed}). {@code timeout} and {@code onTimeout} are
 * always written, as the Go planner does. Immutable.
 */
@JsonPropertyOrder({"prompt", "timeout", "onTimeout"})
public record StepApproval(
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String prompt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String timeout,
        @JsonInclude(JsonInclude.Include.ALWAYS) String onTimeout) {

    public static final String ON_TIMEOUT_FAIL = "fail";
    public static final String ON_TIMEOUT_PROCEED = "proceed";

    public StepApproval {
        timeout = timeout == null ? "" : timeout;
        onTimeout = onTimeout == null || onTimeout.isBlank() ? ON_TIMEOUT_FAIL : onTimeout;
    }
}
