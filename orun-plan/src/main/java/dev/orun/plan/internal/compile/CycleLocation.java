package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.JobId;
import dev.orun.plan.internal.load.WorkspaceModel;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.EnvironmentDecl.Promotion;
import java.util.List;

/**
 * Where a dependency cycle is reported: at the declaration of its last edge, the one that closes
 * the cycle as printed ({@code a → b → a}: b's {@code dependsOn: a}, or the promotion that made
 * b wait for a). That is the line a user who just added the edge is looking at.
 */
final class CycleLocation {

    private CycleLocation() {
    }

    static InvalidInputException error(List<String> cycle, WorkspaceModel model) {
        String message = "dependency cycle: " + String.join(" → ", cycle);
        JobId from = JobId.parse(cycle.get(cycle.size() - 2));
        JobId to = JobId.parse(cycle.get(cycle.size() - 1));
        ComponentDecl component = model.components().get(from.component());
        for (DependencyDecl dependency : component.dependsOn()) {
            String targetEnv = dependency.environment() == null ? from.environment() : dependency.environment();
            if (dependency.component().equals(to.component()) && targetEnv.equals(to.environment())) {
                return InvalidInputException.at(component.file(), dependency.line(), message);
            }
        }
        EnvironmentDecl environment = model.intent().environments().get(from.environment());
        if (environment != null) {
            for (Promotion promotion : environment.promotions()) {
                if (promotion.environment().equals(to.environment())) {
                    return InvalidInputException.at(model.intent().file(), promotion.line(), message);
                }
            }
        }
        return InvalidInputException.at(component.file(), component.line(), message);
    }
}
