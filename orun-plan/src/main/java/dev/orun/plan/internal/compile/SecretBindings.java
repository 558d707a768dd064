package dev.orun.plan.internal.compile;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.plan.internal.model.Intent.SecretScope;
import dev.orun.plan.internal.model.ProfileDef;
import dev.orun.plan.internal.model.ProfileDef.SecretBinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a profile's {@code secretBindings} to a job's secret references, as the Go planner does:
 * each binding becomes {@code secret://<workspace>/project:<project>/env:<env>/<key>} under its
 * {@code asEnv}, with the workspace and project of {@code execution.state}. Without that scope a
 * required binding is an error and an optional one is left out. A binding may repeat a
 * {@code secretEnv} reference under the same name, not contradict it. Like a {@code secretEnv}
 * entry, a mapped binding is needed at run time.
 */
final class SecretBindings {

    private SecretBindings() {
    }

    static List<SecretRef> apply(List<SecretRef> refs, ProfileDef profile, SecretScope scope, String environment,
                                 String component) {
        if (profile == null || profile.secretBindings().isEmpty()) {
            return refs;
        }
        Map<String, SecretRef> byName = new LinkedHashMap<>();
        refs.forEach(ref -> byName.put(ref.asEnv(), ref));
        for (SecretBinding binding : profile.secretBindings().values()) {
            if (!scope.complete()) {
                if (binding.required()) {
                    throw InvalidInputException.at(binding.file(), binding.line(), "component " + component + " in "
                            + environment + ": secretBinding " + binding.key() + " of profile " + profile.name()
                            + " is required but cannot be mapped: declare execution.state.workspace and project");
                }
                continue;
            }
            String ref = "secret://" + scope.workspace() + "/project:" + scope.project() + "/env:" + environment
                    + "/" + binding.key();
            SecretRef existing = byName.get(binding.asEnv());
            if (existing != null && !existing.ref().equals(ref)) {
                throw InvalidInputException.at(binding.file(), binding.line(), "component " + component + " in "
                        + environment + ": secretBinding " + binding.key() + " and secretEnv both bind "
                        + binding.asEnv() + " to different references");
            }
            byName.put(binding.asEnv(), new SecretRef(binding.asEnv(), ref, false));
        }
        return new ArrayList<>(byName.values());
    }
}
