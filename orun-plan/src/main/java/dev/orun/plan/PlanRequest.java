package dev.orun.plan;

import dev.orun.plan.changes.ChangeRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * What to compile. {@code environments} and {@code components} filter (empty = all; entries may be
 * comma-separated and may end in {@code *}); requested components bring their transitive
 * dependencies. When no component is requested and {@code all} is false, the component whose
 * directory contains {@code cwd} (if any) scopes the plan the same way. {@code name} is the saved
 * plan's name (may be null). {@code changes} is null when change detection is off.
 */
public record PlanRequest(List<String> environments, List<String> components, boolean all,
                          Path cwd, String name, ChangeRequest changes) {

    public PlanRequest {
        environments = environments == null ? List.of() : List.copyOf(environments);
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** Everything, no auto-scope. */
    public static PlanRequest full() {
        return new PlanRequest(List.of(), List.of(), true, null, null, null);
    }

    public PlanRequest withComponents(List<String> newComponents) {
        return new PlanRequest(environments, newComponents, all, cwd, name, changes);
    }

    public PlanRequest withEnvironments(List<String> newEnvironments) {
        return new PlanRequest(newEnvironments, components, all, cwd, name, changes);
    }
}
