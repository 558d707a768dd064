package dev.orun.exec.internal;

import dev.orun.core.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The id each step of a job runs under: the plan's step id (unique within the job for every plan
 * the compiler writes); for hand-written plans without ids, the name, else {@code step-<n>};
 * repeats are numbered by {@link dev.orun.core.plan.StepIds}. The engine and the dry run both use
 * this, so they always agree on log file names and {@code ORUN_STEP_ID}.
 */
public final class StepIds {

    private StepIds() {
    }

    public static List<String> of(List<Step> steps) {
        List<String> preferred = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            preferred.add(base(steps.get(i), i + 1));
        }
        return dev.orun.core.plan.StepIds.unique(preferred);
    }

    private static String base(Step step, int position) {
        if (step.id() != null && !step.id().isBlank()) {
            return step.id();
        }
        if (step.name() != null && !step.name().isBlank()) {
            return step.name();
        }
        return dev.orun.core.plan.StepIds.positional(position);
    }
}
