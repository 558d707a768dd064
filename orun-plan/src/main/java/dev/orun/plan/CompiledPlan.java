package dev.orun.plan;

import dev.orun.core.plan.Plan;
import java.util.List;

/**
 * A compiled, checksummed plan and notes for the user, e.g.
 * {@code context: auto-scoped to component api (+1 dependency: db)}.
 */
public record CompiledPlan(Plan plan, List<String> notes) {
    public CompiledPlan {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
