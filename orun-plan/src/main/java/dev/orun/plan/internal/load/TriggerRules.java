package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.TriggerRule;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a subscription's {@code profileRules: [{profile, when: {triggerRef}}]} and
 * {@code dependencyRules: [{mode, when: {triggerRef}}]}. Whether the named bindings exist is
 * checked once the whole model is loaded (ModelValidator).
 */
final class TriggerRules {

    private static final Set<String> MODES = Set.of(EnvironmentDecl.ENFORCED, EnvironmentDecl.ADVISORY,
            EnvironmentDecl.DISABLED);

    private TriggerRules() {
    }

    static List<TriggerRule> profileRules(YMap subscription, Warnings warnings) {
        return rules(subscription, "profileRules", "profile", DeclaredKeys.PROFILE_RULE, warnings);
    }

    static List<TriggerRule> dependencyRules(YMap subscription, Warnings warnings) {
        List<TriggerRule> rules = rules(subscription, "dependencyRules", "mode", DeclaredKeys.DEPENDENCY_RULE,
                warnings);
        for (TriggerRule rule : rules) {
            if (!MODES.contains(rule.value())) {
                throw dev.orun.core.InvalidInputException.at(rule.file(), rule.line(), "dependencyRules: invalid mode \""
                        + rule.value() + "\" (expected enforced, advisory or disabled)");
            }
        }
        return rules;
    }

    private static List<TriggerRule> rules(YMap subscription, String key, String valueKey,
                                           KeySet keys, Warnings warnings) {
        List<TriggerRule> rules = new ArrayList<>();
        for (YNode node : subscription.items(key)) {
            if (!(node instanceof YMap rule)) {
                throw node.error(key + " entries must be mappings with " + valueKey + " and when.triggerRef");
            }
            keys.check(rule, warnings);
            YMap when = rule.map("when");
            DeclaredKeys.RULE_WHEN.check(when, warnings);
            String value = rule.requiredString(valueKey, "a " + key + " entry");
            String triggerRef = when == null ? null : when.string("triggerRef");
            if (triggerRef == null || triggerRef.isBlank()) {
                throw rule.error(key + " entry needs when.triggerRef (the trigger binding it applies under)");
            }
            rules.add(new TriggerRule(value, triggerRef, rule.file(), rule.line()));
        }
        return List.copyOf(rules);
    }
}
