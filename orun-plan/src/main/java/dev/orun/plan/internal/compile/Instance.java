package dev.orun.plan.internal.compile;

import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.ComponentDecl.Subscription;
import dev.orun.plan.internal.model.Composition;
import dev.orun.plan.internal.model.EnvironmentDecl;
import java.util.Map;

/** One cell of the environment × component matrix, with its merged parameters, env and path. */
record Instance(ComponentDecl component, EnvironmentDecl environment, Subscription subscription,
                Composition composition, Map<String, Object> parameters, Map<String, String> env,
                String path, String dependencyMode, java.util.List<dev.orun.core.plan.Job.SecretRef> secretRefs) {

    String key() {
        return component.name() + "@" + environment.name();
    }
}
