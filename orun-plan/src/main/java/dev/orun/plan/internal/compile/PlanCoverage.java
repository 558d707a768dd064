package dev.orun.plan.internal.compile;

import java.util.List;
import java.util.SortedSet;

/** Which components and environments a plan covers, whether that is a narrowing, and why. */
public record PlanCoverage(SortedSet<String> components, SortedSet<String> environments, boolean scoped,
                        List<String> notes) {
}
