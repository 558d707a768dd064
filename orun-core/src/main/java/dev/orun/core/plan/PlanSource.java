package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The git commit the plan was compiled from, and whether the working tree had changes. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"commit", "dirty"})
public record PlanSource(String commit, @JsonInclude(JsonInclude.Include.ALWAYS) boolean dirty) {
}
