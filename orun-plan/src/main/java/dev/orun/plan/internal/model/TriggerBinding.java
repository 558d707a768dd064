package dev.orun.plan.internal.model;

import java.util.List;

/**
 * {@code automation.triggerBindings.<name>}: which CI event activates the environments whose
 * {@code activation.triggerRefs} name this binding, and how the plan is scoped then.
 */
public record TriggerBinding(String name, String provider, String event, List<String> actions,
                             List<String> branches, List<String> baseBranches, List<String> tags,
                             String scope, String base, String head, int line) {
}
