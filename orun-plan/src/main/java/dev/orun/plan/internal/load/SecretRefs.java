package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YMap;
import java.util.Map;

/**
 * {@code secretEnv} / {@code optionalSecretEnv}: env var name → {@code secret://} reference. Only
 * references reach the plan; values are resolved when the job runs. A literal value here would end
 * up in plan files and logs, so it is refused, as the Go planner does.
 */
final class SecretRefs {

    static final String SCHEME = "secret://";

    private SecretRefs() {
    }

    static Map<String, String> checked(YMap owner, String key) {
        Map<String, String> refs = EnvKeys.checked(owner.stringMap(key), owner, key);
        YMap map = owner.map(key);
        refs.forEach((name, ref) -> {
            String value = ref.strip();
            if (!value.startsWith(SCHEME) || value.length() == SCHEME.length()) {
                throw map.get(name).error(key + "." + name + " must be a secret:// reference, not a literal value");
            }
        });
        return refs;
    }
}
