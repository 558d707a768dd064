package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.model.Intent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's secret references: {@code secretEnv} merged intent → environment → component →
 * subscription (later wins), interpolated like env values, plus the component's
 * {@code optionalSecretEnv}. A name may not be both a plain env var and a secret.
 */
final class SecretLayers {

    private SecretLayers() {
    }

    static List<SecretRef> merge(Intent intent, EnvironmentDecl environment, ComponentDecl component,
                                 Subscription subscription, Interpolation interpolation, Map<String, String> env) {
        Map<String, String> required = new LinkedHashMap<>(intent.secretEnv());
        required.putAll(environment.secretEnv());
        required.putAll(component.secretEnv());
        if (subscription != null) {
            required.putAll(subscription.secretEnv());
        }
        List<SecretRef> refs = new ArrayList<>();
        required.forEach((name, ref) -> {
            if (env.containsKey(name)) {
                throw clash(component, name, "secretEnv");
            }
            refs.add(new SecretRef(name, interpolation.apply(ref), false));
        });
        component.optionalSecretEnv().forEach((name, ref) -> {
            if (env.containsKey(name) || required.containsKey(name)) {
                throw clash(component, name, "optionalSecretEnv");
            }
            refs.add(new SecretRef(name, interpolation.apply(ref), true));
        });
        return refs;
    }

    private static InvalidInputException clash(ComponentDecl component, String name, String field) {
        return InvalidInputException.at(component.file(), component.line(), "component " + component.name()
                + ": " + field + " \"" + name + "\" is also a plain env variable; a name is either a secret or not");
    }
}
