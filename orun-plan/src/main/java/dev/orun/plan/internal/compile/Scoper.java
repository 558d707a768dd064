package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.internal.load.WorkspaceModel;
import dev.orun.plan.internal.model.ComponentDecl.DependencyDecl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Applies {@code --env}, {@code --component} and the current-directory context.
 * {@code --component} is a filter (that component only, as in the Go orun); a scope component
 * ({@code orun run COMPONENT}) and the context component bring all their transitive
 * {@code dependsOn} targets, so such a plan is runnable on its own.
 */
public final class Scoper {

    private final WorkspaceModel model;

    public Scoper(WorkspaceModel model) {
        this.model = model;
    }

    public PlanCoverage select(PlanRequest request, Optional<String> contextComponent) {
        SortedSet<String> environments = matchAll(split(request.environments()),
                model.intent().environments().keySet(), "environment");
        boolean scoped = !request.environments().isEmpty();
        List<String> notes = new ArrayList<>();
        PlanCoverage.TriggerOutcome trigger = null;
        if (request.trigger() != null) {
            TriggerResolver.Resolution resolution = new TriggerResolver(model.intent()).resolve(request.trigger());
            notes.addAll(resolution.notes());
            trigger = resolution.outcome();
            if (scoped && !resolution.environments().isEmpty()) {
                SortedSet<String> both = new TreeSet<>(resolution.environments());
                both.retainAll(environments);
                if (both.isEmpty()) {
                    throw InvalidInputException.at(model.intent().file(), "--env " + String.join(",", environments)
                            + " selects none of the environments the trigger activates ("
                            + String.join(", ", resolution.environments()) + ")");
                }
                environments = both;
            } else {
                environments = resolution.environments();
            }
            scoped = true;
        }
        SortedSet<String> components;
        List<String> requested = split(request.components());
        List<String> scope = split(request.scope());
        if (!requested.isEmpty() || !scope.isEmpty()) {
            components = new TreeSet<>();
            if (!requested.isEmpty()) {
                components.addAll(matchAll(requested, model.components().keySet(), "component"));
            }
            if (!scope.isEmpty()) {
                components.addAll(closure(matchAll(scope, model.components().keySet(), "component")));
            }
            scoped = true;
        } else if (contextComponent.isPresent() && model.components().containsKey(contextComponent.get())) {
            String context = contextComponent.get();
            components = closure(List.of(context));
            notes.add(contextNote(context, components));
            scoped = true;
        } else {
            components = new TreeSet<>(model.components().keySet());
        }
        return new PlanCoverage(components, environments, scoped, notes, trigger);
    }

    /** The named components and everything they depend on, transitively. */
    public SortedSet<String> closure(Collection<String> names) {
        SortedSet<String> result = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>(names);
        while (!queue.isEmpty()) {
            String name = queue.pop();
            if (model.components().containsKey(name) && result.add(name)) {
                for (DependencyDecl dependency : model.components().get(name).dependsOn()) {
                    queue.add(dependency.component());
                }
            }
        }
        return result;
    }

    private static String contextNote(String context, SortedSet<String> components) {
        List<String> dependencies = components.stream().filter(c -> !c.equals(context)).toList();
        if (dependencies.isEmpty()) {
            return "context: auto-scoped to component " + context;
        }
        return "context: auto-scoped to component " + context + " (+" + dependencies.size()
                + (dependencies.size() == 1 ? " dependency: " : " dependencies: ") + String.join(", ", dependencies) + ")";
    }

    private SortedSet<String> matchAll(List<String> patterns, Collection<String> names, String what) {
        if (patterns.isEmpty()) {
            return new TreeSet<>(names);
        }
        SortedSet<String> matched = new TreeSet<>();
        for (String pattern : patterns) {
            List<String> hits = names.stream().filter(n -> Patterns.matches(pattern, n)).toList();
            if (hits.isEmpty()) {
                List<String> known = names.stream().sorted().limit(10).toList();
                throw InvalidInputException.at(model.intent().file(), "no " + what + " matched \"" + pattern + "\" ("
                        + what + "s: " + (known.isEmpty() ? "none" : String.join(", ", known))
                        + (names.size() > known.size() ? ", …" : "") + ")");
            }
            matched.addAll(hits);
        }
        return matched;
    }

    private static List<String> split(List<String> values) {
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
        }
        return parts;
    }
}
