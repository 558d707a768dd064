package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
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
            for (Subscription subscription : component.subscriptions()) {
                if (!Patterns.isPattern(subscription.name()) && !environments.containsKey(subscription.name())) {
                    throw InvalidInputException.at(component.file(), subscription.line(), "component "
                            + component.name() + " subscribes to undeclared environment \"" + subscription.name()
                            + "\" (declared: " + String.join(", ", environments.keySet()) + ")");
                }
            }
            for (DependencyDecl dependency : component.dependsOn()) {
                if (!model.components().containsKey(dependency.component())) {
                    throw InvalidInputException.at(component.file(), dependency.line(), "component "
                            + component.name() + " depends on unknown component \"" + dependency.component() + "\"");
                }
                if (dependency.environment() != null && !environments.containsKey(dependency.environment())) {
                    throw InvalidInputException.at(component.file(), dependency.line(), "component "
                            + component.name() + " depends on " + dependency.component()
                            + " in undeclared environment \"" + dependency.environment() + "\"");
                }
            }
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
        new SchemaValidator().validate(components, model.compositions()::forComponent);
    }
}
