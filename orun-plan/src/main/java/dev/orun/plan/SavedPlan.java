package dev.orun.plan;

import dev.orun.core.plan.Plan;
import java.nio.file.Path;

/** A plan read from (or written to) a file. */
public record SavedPlan(Path file, Plan plan) {
}
