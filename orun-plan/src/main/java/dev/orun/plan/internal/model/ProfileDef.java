package dev.orun.plan.internal.model;

import java.util.List;
import java.util.Map;

/** An execution profile: which jobs run, which of their steps, and step patches. */
public record ProfileDef(String name, Map<String, ProfileJob> jobs) {

    /** The profile's view of one job. */
    public record ProfileJob(List<String> stepsEnabled, List<String> includeCapabilities,
                             Map<String, StepOverride> stepOverrides) {
    }

    /** {@code stepOverrides.<step>}: non-empty fields replace the step's. */
    public record StepOverride(String run, Map<String, Object> with, Map<String, Object> env) {
    }
}
