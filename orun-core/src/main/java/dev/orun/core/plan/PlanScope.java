package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What part of the workspace a plan covers. {@code mode} is {@code full}, {@code scoped}
 * (components or environments were selected) or {@code changed} (change detection selected the
 * components; {@code changedFiles} then counts the changed files it looked at).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"components", "environments", "mode", "changedFiles"})
public record PlanScope(List<String> components, List<String> environments, String mode,
                        Integer changedFiles) {

    public static final String MODE_FULL = "full";
    public static final String MODE_SCOPED = "scoped";
    public static final String MODE_CHANGED = "changed";

    public PlanScope {
        components = Collections2.sortedList(components);
        environments = Collections2.sortedList(environments);
    }
}
