package dev.orun.plan.internal.model;

import java.util.List;

/** A job of a composition: inline or from a {@code JobTemplate} (named by the composition entry). */
public record JobDef(String name, String runsOn, String timeout, int retries, List<StepDef> steps) {
}
