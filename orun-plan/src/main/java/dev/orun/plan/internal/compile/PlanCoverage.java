package dev.orun.plan.internal.compile;

import java.util.List;
import java.util.SortedSet;

/**
 * Which components and environments a plan covers, whether that is a narrowing, and why;
 * {@code trigger} is what a {@code --trigger}/{@code --from-ci} resolution decided, or null.
 */
public record PlanCoverage(SortedSet<String> components, SortedSet<String> environments, boolean scoped,
                           List<String> notes, TriggerOutcome trigger) {

    public PlanCoverage(SortedSet<String> components, SortedSet<String> environments, boolean scoped,
                        List<String> notes) {
        this(components, environments, scoped, notes, null);
    }

    /** The trigger bindings that fired (empty without a trigger). */
    public List<String> firedBindings() {
        return trigger == null ? List.of() : trigger.fired();
    }

    /**
     * The bindings that fired, their common {@code plan.scope} ({@code full} or {@code changed}) and
     * the base/head the event names for a changed-scope plan (null when it names none).
     */
    public record TriggerOutcome(List<String> fired, String scope, String base, String head, String provider,
                                 String event, String action) {

        public boolean changedScope() {
            return "changed".equals(scope);
        }
    }
}
