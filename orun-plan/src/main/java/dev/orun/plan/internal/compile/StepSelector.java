package dev.orun.plan.internal.compile;

import dev.orun.plan.internal.model.JobDef;
import dev.orun.plan.internal.model.ProfileDef.ProfileJob;
import dev.orun.plan.internal.model.ProfileDef.StepOverride;
import dev.orun.plan.internal.model.StepDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The steps a job runs under a profile: filtered by {@code includeCapabilities} (steps without a
 * capability always stay) or by {@code stepsEnabled}, patched by {@code stepOverrides}, then
 * replaced or extended by the component's own {@code overrides.steps}, and finally ordered by
 * phase, {@code order}, then position.
 */
final class StepSelector {

    private StepSelector() {
    }

    static List<StepDef> select(JobDef job, ProfileJob profileJob, List<StepDef> componentOverrides) {
        List<StepDef> steps = new ArrayList<>();
        for (StepDef step : job.steps()) {
            if (profileJob == null || keep(step, profileJob)) {
                steps.add(profileJob == null ? step : patch(step, profileJob.stepOverrides().get(step.key())));
            }
        }
        for (StepDef override : componentOverrides) {
            int at = indexByName(steps, override.name());
            if (at >= 0) {
                steps.set(at, override);
            } else {
                steps.add(override);
            }
        }
        List<StepDef> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt((StepDef s) -> rank(s.phase())).thenComparingInt(StepDef::order));
        return sorted;
    }

    private static boolean keep(StepDef step, ProfileJob profileJob) {
        if (!profileJob.includeCapabilities().isEmpty()) {
            return step.capability() == null || profileJob.includeCapabilities().contains(step.capability());
        }
        if (!profileJob.stepsEnabled().isEmpty()) {
            return profileJob.stepsEnabled().contains(step.key());
        }
        return true;
    }

    private static StepDef patch(StepDef step, StepOverride override) {
        if (override == null) {
            return step;
        }
        return step.withPatch(
                override.run() != null && !override.run().isEmpty() ? override.run() : step.run(),
                override.with() != null && !override.with().isEmpty() ? override.with() : step.with(),
                override.env() != null && !override.env().isEmpty() ? override.env() : step.env());
    }

    private static int indexByName(List<StepDef> steps, String name) {
        if (name == null) {
            return -1;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (name.equals(steps.get(i).name()) || name.equals(steps.get(i).id())) {
                return i;
            }
        }
        return -1;
    }

    static int rank(String phase) {
        return switch (phase) {
            case "pre" -> 0;
            case "post" -> 2;
            default -> 1;
        };
    }
}
