package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.model.TriggerRule;
import java.util.List;
import java.util.Set;

/**
 * Checks subscriptions' {@code profileRules} and {@code dependencyRules} as the Go planner does
 * before planning (go-orun-plan.md §4.1 step 5): every {@code when.triggerRef} names a declared
 * trigger binding, and a subscription with profile rules has a {@code profile} to fall back to.
 */
final class TriggerRuleValidator {

    private TriggerRuleValidator() {
    }

    static void validate(ComponentDecl component, Set<String> bindings) {
        for (Subscription subscription : component.subscriptions()) {
            if (!subscription.profileRules().isEmpty() && subscription.profile() == null) {
                throw InvalidInputException.at(component.file(), subscription.line(), "component " + component.name()
                        + " in " + subscription.name() + ": profileRules need a profile to fall back to when no rule"
                        + " matches");
            }
            checkRefs(component, subscription, subscription.profileRules(), "profileRules", bindings);
            checkRefs(component, subscription, subscription.dependencyRules(), "dependencyRules", bindings);
        }
    }

    private static void checkRefs(ComponentDecl component, Subscription subscription, List<TriggerRule> rules,
                                  String key, Set<String> bindings) {
        for (TriggerRule rule : rules) {
            if (!bindings.contains(rule.triggerRef())) {
                throw InvalidInputException.at(rule.file(), rule.line(), "component " + component.name() + " in "
                        + subscription.name() + ": " + key + " names trigger \"" + rule.triggerRef()
                        + "\", which automation.triggerBindings does not declare");
            }
        }
    }
}
