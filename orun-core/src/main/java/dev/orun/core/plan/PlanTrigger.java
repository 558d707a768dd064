package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What chose the plan's environments when it was compiled for a trigger ({@code --trigger NAME}
 * or {@code --from-ci github}): the bindings that fired, the environments they activated, the
 * plan scope they asked for, and the event's provider, name, action, base and head when there was
 * an event. A plan compiled without a trigger has none.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "name", "provider", "event", "action", "matchedBindings", "activeEnvironments",
        "scope", "base", "head"})
public record PlanTrigger(String type, String name, String provider, String event, String action,
                          List<String> matchedBindings, List<String> activeEnvironments, String scope,
                          String base, String head) {

    public static final String TYPE_DECLARED = "declared";

    public PlanTrigger {
        matchedBindings = Collections2.list(matchedBindings);
        activeEnvironments = Collections2.list(activeEnvironments);
    }
}
