package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.load.Suggestions;
import dev.orun.plan.internal.load.Warnings;
import dev.orun.plan.internal.load.WorkspaceModel;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.EnvironmentDecl.Promotion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cross-reference checks over the whole declared model, in a fixed order so the same broken
 * workspace always reports the same first error: component types, subscriptions, dependencies,
 * promotions, then parameter schemas.
 */
final class ModelValidator {

    private ModelValidator() {
    }

    static void validate(WorkspaceModel model) {
        Map<String, EnvironmentDecl> environments = model.intent().environments();
        List<ComponentDecl> components = new ArrayList<>(model.components().values());
        for (ComponentDecl component : components) {
            model.compositions().forComponent(component);
            warnAboutDanglingReferences(model, component);
            TriggerRuleValidator.validate(component, model.intent().triggerBindings().keySet());
        }
        for (EnvironmentDecl environment : environments.values()) {
            for (Promotion promotion : environment.promotions()) {
                if (promotion.environment().equals(environment.name())
                        || !environments.containsKey(promotion.environment())) {
                    throw InvalidInputException.at(model.intent().file(), promotion.line(), "environment "
                            + environment.name() + " is promoted from "
                            + (promotion.environment().equals(environment.name()) ? "itself" : "undeclared environment \""
                            + promotion.environment() + "\""));
                }
            }
        }
        rejectPromotionCycles(model);
        new SchemaValidator().validate(components, model.compositions()::forComponent);
    }

    /**
     * The Go planner drops subscriptions to undeclared environments and dependencies on components
     * that do not exist; so do we, with a warning ({@code --strict} makes it an error).
     */
    private static void warnAboutDanglingReferences(WorkspaceModel model, ComponentDecl component) {
        Map<String, EnvironmentDecl> environments = model.intent().environments();
        Warnings warnings = model.warnings();
        for (Subscription subscription : component.subscriptions()) {
            if (!Patterns.isPattern(subscription.name()) && !environments.containsKey(subscription.name())) {
                warnings.add(component.file(), subscription.line(), "component " + component.name()
                        + " subscribes to undeclared environment \"" + subscription.name() + "\"; ignored"
                        + didYouMean(subscription.name(), environments.keySet()));
            }
        }
        for (DependencyDecl dependency : component.dependsOn()) {
            if (!model.components().containsKey(dependency.component())) {
                warnings.add(component.file(), dependency.line(), "component " + component.name()
                        + " depends on unknown component \"" + dependency.component() + "\"; ignored"
                        + didYouMean(dependency.component(), model.components().keySet()));
            } else if (dependency.environment() != null && !environments.containsKey(dependency.environment())) {
                warnings.add(component.file(), dependency.line(), "component " + component.name()
                        + " depends on " + dependency.component() + " in undeclared environment \""
                        + dependency.environment() + "\"; ignored"
                        + didYouMean(dependency.environment(), environments.keySet()));
            }
        }
    }

    private static String didYouMean(String name, java.util.Collection<String> known) {
        String suggestion = Suggestions.closest(name, known);
        return suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)";
    }

    /**
     * Promotion order between environments must be acyclic even when the environments share no
     * component (the Go planner rejects it while normalising the intent).
     */
    private static void rejectPromotionCycles(WorkspaceModel model) {
        Map<String, List<String>> edges = new java.util.TreeMap<>();
        Map<String, Integer> lines = new java.util.HashMap<>();
        model.intent().environments().values().forEach(env -> {
            List<String> targets = new ArrayList<>();
            env.promotions().forEach(p -> {
                targets.add(p.environment());
                lines.putIfAbsent(env.name() + "\0" + p.environment(), p.line());
            });
            edges.put(env.name(), targets);
        });
        CycleDetector.findCycle(edges).ifPresent(cycle -> {
            String closing = cycle.get(cycle.size() - 2) + "\0" + cycle.get(cycle.size() - 1);
            throw InvalidInputException.at(model.intent().file(), lines.getOrDefault(closing, 0),
                    "promotion dependency cycle detected: " + String.join(" → ", cycle));
        });
    }
}
