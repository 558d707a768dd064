package dev.orun.plan.internal.compile;

import dev.orun.plan.internal.model.StepDef;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan step's id is the step's name, as in the Go planner ({@code step-<n>} when unnamed, n
 * 1-based in run order). The Go planner lets two steps of a job share a name; here the later one
 * becomes {@code <name>-2}, {@code <name>-3}, … ({@link dev.orun.core.plan.StepIds}) so the id is
 * unique within the job and the dry run, the records, the log file names and {@code ORUN_STEP_ID}
 * all use the same id (docs/decisions/go-planner-compatibility.md).
 */
final class StepIds {

    private StepIds() {
    }

    static List<String> assign(List<StepDef> steps) {
        List<String> preferred = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            preferred.add(base(steps.get(i), i + 1));
        }
        return dev.orun.core.plan.StepIds.unique(preferred);
    }

    /**
     * The name; for a step without one, its authored {@code id} (GitHub-style steps are often
     * written with an id only, and {@code steps.<id>.outputs} must find them); else
     * {@code step-<n>}. The Go planner uses {@code step-<n>} for an unnamed step even when it has an
     * id; the two agree whenever a step has a name.
     */
    private static String base(StepDef step, int position) {
        if (step.name() != null && !step.name().isBlank()) {
            return step.name();
        }
        if (step.id() != null && !step.id().isBlank()) {
            return step.id();
        }
        return dev.orun.core.plan.StepIds.positional(position);
    }
}
