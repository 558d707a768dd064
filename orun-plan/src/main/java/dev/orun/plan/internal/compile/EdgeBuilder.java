package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.EnvironmentDecl.Promotion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the DAG's edges. Component {@code dependsOn}: every job of A@env waits for every job of
 * B@env (or B@the named environment). Promotion: every job of c@prod waits for every job of
 * c@staging ({@code same-component}) or of the whole staging environment
 * ({@code environment-barrier}) when both environments are in the plan. Edges are indexed by
 * component@environment, so building them is linear in the number of edges.
 */
final class EdgeBuilder {

    private EdgeBuilder() {
    }

    static void addEdges(List<JobDraft> drafts, Set<String> activeEnvironments,
                         Map<String, EnvironmentDecl> environments) {
        Map<String, List<JobDraft>> byInstance = new LinkedHashMap<>();
        Map<String, List<JobDraft>> byEnvironment = new HashMap<>();
        for (JobDraft draft : drafts) {
            byInstance.computeIfAbsent(draft.instance.key(), k -> new ArrayList<>()).add(draft);
            byEnvironment.computeIfAbsent(draft.instance.environment().name(), k -> new ArrayList<>()).add(draft);
        }
        byInstance.forEach((key, jobs) -> {
            Instance instance = jobs.get(0).instance;
            ComponentDecl component = instance.component();
            String env = instance.environment().name();
            for (DependencyDecl dependency : component.dependsOn()) {
                String targetEnv = dependency.environment() == null ? env : dependency.environment();
                List<JobDraft> targets = byInstance.get(dependency.component() + "@" + targetEnv);
                if (targets == null) {
                    if (dependency.always()) {
                        throw InvalidInputException.at(component.file(), dependency.line(), "dependency not found: "
                                + key + " depends on " + dependency.component() + "@" + targetEnv
                                + " (include: always), which is not in the plan");
                    }
                    continue;
                }
                linkByMode(jobs, targets, instance.dependencyMode());
            }
            for (Promotion promotion : instance.environment().promotions()) {
                if (!activeEnvironments.contains(promotion.environment())) {
                    if (promotion.gateWhenAbsent()) {
                        gate(jobs, promotion);
                    }
                    continue;
                }
                if (!promotion.edgesWhenPresent()) {
                    continue;
                }
                List<JobDraft> targets = promotion.strategy().equals(Promotion.ENVIRONMENT_BARRIER)
                        ? byEnvironment.get(promotion.environment())
                        : byInstance.get(component.name() + "@" + promotion.environment());
                if (targets != null) {
                    link(jobs, targets);
                }
            }
        });
    }

    /** Component edges follow the instance's dependency mode; promotion edges are always enforced. */
    private static void linkByMode(Collection<JobDraft> from, Collection<JobDraft> to, String mode) {
        if (EnvironmentDecl.DISABLED.equals(mode)) {
            return;
        }
        if (EnvironmentDecl.ADVISORY.equals(mode)) {
            for (JobDraft job : from) {
                to.forEach(target -> job.advisoryDependsOn.add(target.id));
            }
            return;
        }
        link(from, to);
    }

    /** The earlier environment is not in this plan: record what CI must check instead of an edge. */
    private static void gate(Collection<JobDraft> jobs, Promotion promotion) {
        for (JobDraft job : jobs) {
            job.gates.put(promotion.environment(), new Job.Gate(Job.Gate.ENVIRONMENT_PROMOTION,
                    promotion.environment(), job.instance.component().name(), promotion.condition(),
                    Map.of("revision", promotion.matchRevision())));
        }
    }

    private static void link(Collection<JobDraft> from, Collection<JobDraft> to) {
        for (JobDraft job : from) {
            for (JobDraft target : to) {
                job.dependsOn.add(target.id);
            }
        }
    }
}
