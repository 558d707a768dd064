package dev.orun.exec.internal;

import dev.orun.core.plan.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The id each step of a job runs under: the plan's step id (unique within the job for every plan
 * the compiler writes); for hand-written plans without ids, the name, else {@code step-<n>}, with
 * {@code -2}, {@code -3}, … appended to repeats. The engine and the dry run both use this, so they
 * always agree on log file names and {@code ORUN_STEP_ID}.
 */
public final class StepIds {

    private StepIds() {
    }

    public static List<String> of(List<Step> steps) {
        List<String> ids = new ArrayList<>(steps.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            String base = base(steps.get(i), i + 1);
            String id = base;
            for (int n = 2; !used.add(id); n++) {
                id = base + "-" + n;
            }
            ids.add(id);
        }
        return ids;
    }

    private static String base(Step step, int position) {
        if (step.id() != null && !step.id().isBlank()) {
            return step.id();
        }
        if (step.name() != null && !step.name().isBlank()) {
            return step.name();
        }
        return "step-" + position;
    }
}
