package dev.orun.plan.internal.compile;

import dev.orun.plan.internal.load.WorkspaceModel;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.GroupDecl;
import dev.orun.plan.internal.model.Intent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the environment × component matrix. A component with subscriptions is in exactly the
 * environments it subscribes to; one without is in the environments whose
 * {@code selectors.components} match it; {@code selectors.domains} filters both. Parameters merge
 * shallowly, later wins: env {@code *} → env type → group {@code *} → group type → component →
 * subscription. Env: intent → environment → component → subscription.
 */
final class MatrixExpander {

    private static final String PATH = "path";

    private final WorkspaceModel model;
    private final List<String> firedBindings;

    /** @param firedBindings the trigger bindings that fired (empty without a trigger) */
    MatrixExpander(WorkspaceModel model, List<String> firedBindings) {
        this.model = model;
        this.firedBindings = List.copyOf(firedBindings);
    }

    List<Instance> expand(Collection<String> componentNames, Collection<String> environmentNames) {
        List<Instance> instances = new ArrayList<>();
        for (String envName : environmentNames) {
            EnvironmentDecl environment = model.intent().environments().get(envName);
            for (String name : componentNames) {
                ComponentDecl component = model.components().get(name);
                if (included(component, environment)) {
                    instances.add(instance(component, environment));
                }
            }
        }
        return instances;
    }

    static boolean included(ComponentDecl component, EnvironmentDecl environment) {
        boolean member;
        if (!component.subscriptions().isEmpty()) {
            member = component.subscriptions().stream()
                    .anyMatch(s -> Patterns.matches(s.name(), environment.name()));
        } else {
            member = Patterns.anyMatches(environment.componentSelectors(), component.name());
        }
        if (!member) {
            return false;
        }
        return environment.domainSelectors().isEmpty()
                || (component.domain() != null && Patterns.anyMatches(environment.domainSelectors(), component.domain()));
    }

    private Instance instance(ComponentDecl component, EnvironmentDecl environment) {
        Intent intent = model.intent();
        Subscription subscription = component.subscriptions().stream()
                .filter(s -> s.name().equals(environment.name())).findFirst().orElse(null);
        GroupDecl group = component.domain() == null ? null : intent.groups().get(component.domain());
        Map<String, Map<String, Object>> groupDefaults = group == null ? Map.of() : group.parameterDefaults();

        Map<String, Object> parameters = new LinkedHashMap<>();
        String envPath = defaultsLayer(parameters, environment.parameterDefaults(), component.type());
        String groupPath = defaultsLayer(parameters, groupDefaults, component.type());
        parameters.putAll(component.parameters());
        if (subscription != null) {
            parameters.putAll(subscription.parameters());
        }
        Object authoredPath = parameters.remove(PATH);

        String path = firstNonNull(component.path(), component.defaultPath(), groupPath, envPath,
                authoredPath == null ? null : String.valueOf(authoredPath), "./");

        Map<String, String> env = new LinkedHashMap<>(intent.env());
        env.putAll(environment.env());
        env.putAll(component.env());
        if (subscription != null) {
            env.putAll(subscription.env());
        }
        Interpolation interpolation = new Interpolation(environment.name(), component.domain(), component.name());
        String interpolatedPath = interpolation.apply(path);
        Map<String, String> mergedEnv = interpolation.applyToEnv(env);
        return new Instance(component, environment, subscription, model.compositions().forComponent(component),
                interpolation.applyToStrings(parameters), mergedEnv,
                interpolatedPath.isEmpty() ? "./" : interpolatedPath, dependencyMode(environment, subscription, firedBindings),
                SecretLayers.merge(intent, environment, component, subscription, interpolation, mergedEnv));
    }

    /**
     * First hit wins (go-orun-plan.md §4.8): the subscription's first {@code dependencyRules} entry
     * whose trigger fired, the subscription's mode, the environment's, enforced.
     */
    private static String dependencyMode(EnvironmentDecl environment, Subscription subscription, List<String> fired) {
        if (subscription != null) {
            var rule = Subscription.firstFired(subscription.dependencyRules(), fired);
            if (rule.isPresent()) {
                return rule.get().value();
            }
        }
        if (subscription != null && subscription.dependencyMode() != null) {
            return subscription.dependencyMode();
        }
        return environment.dependencyMode() != null ? environment.dependencyMode() : EnvironmentDecl.ENFORCED;
    }

    /** Applies the {@code *} then the type layer; returns their {@code path} default (type wins). */
    private static String defaultsLayer(Map<String, Object> parameters, Map<String, Map<String, Object>> defaults,
                                        String type) {
        String path = null;
        for (String key : new String[] {"*", type}) {
            Map<String, Object> layer = defaults.get(key);
            if (layer == null) {
                continue;
            }
            layer.forEach((k, v) -> {
                if (!k.equals(PATH)) {
                    parameters.put(k, v);
                }
            });
            if (layer.get(PATH) != null) {
                path = String.valueOf(layer.get(PATH));
            }
        }
        return path;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
