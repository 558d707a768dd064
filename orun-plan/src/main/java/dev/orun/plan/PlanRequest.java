package dev.orun.plan;

import dev.orun.plan.changes.ChangeRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * What to compile. {@code environments} and {@code components} filter (empty = all; entries may be
 * comma-separated and may end in {@code *}); a filtered component does not bring its dependencies,
 * as {@code --component} in the Go orun. {@code scope} names components that come with all their
 * transitive dependencies ({@code orun run COMPONENT}). When neither is given and {@code all} is
 * false, the component whose directory contains {@code cwd} (if any) scopes the plan the same way.
 * {@code name} is the saved plan's name (may be null). {@code changes} is null when change
 * detection is off. {@code trigger} chooses environments from the intent's trigger bindings (may be
 * null).
 */
public record PlanRequest(List<String> environments, List<String> components, boolean all,
                          Path cwd, String name, ChangeRequest changes, List<String> scope,
                          TriggerRequest trigger) {

    public PlanRequest {
        environments = environments == null ? List.of() : List.copyOf(environments);
        components = components == null ? List.of() : List.copyOf(components);
        scope = scope == null ? List.of() : List.copyOf(scope);
    }

    public PlanRequest(List<String> environments, List<String> components, boolean all,
                       Path cwd, String name, ChangeRequest changes) {
        this(environments, components, all, cwd, name, changes, List.of(), null);
    }

    /** Everything, no auto-scope. */
    public static PlanRequest full() {
        return new PlanRequest(List.of(), List.of(), true, null, null, null);
    }

    public PlanRequest withComponents(List<String> newComponents) {
        return new PlanRequest(environments, newComponents, all, cwd, name, changes, scope, trigger);
    }

    public PlanRequest withEnvironments(List<String> newEnvironments) {
        return new PlanRequest(newEnvironments, components, all, cwd, name, changes, scope, trigger);
    }

    /** Adds components that come with their transitive dependencies. */
    public PlanRequest withScope(List<String> newScope) {
        return new PlanRequest(environments, components, all, cwd, name, changes, newScope, trigger);
    }

    public PlanRequest withTrigger(TriggerRequest newTrigger) {
        return new PlanRequest(environments, components, all, cwd, name, changes, scope, newTrigger);
    }
}
