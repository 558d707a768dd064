package dev.orun.plan;

import dev.orun.core.plan.Plan;
import java.util.List;

/**
 * A compiled, checksummed plan, notes for the user (e.g.
 * {@code context: auto-scoped to component api (+1 dependency: db)}) and the warnings found while
 * loading and compiling, sorted by file and line.
 */
public record CompiledPlan(Plan plan, List<String> notes, List<PlanWarning> warnings) {
    public CompiledPlan {
        notes = notes == null ? List.of() : List.copyOf(notes);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public CompiledPlan(Plan plan, List<String> notes) {
        this(plan, notes, List.of());
    }
}
