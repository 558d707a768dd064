package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YMap;
import java.util.Locale;
import java.util.Map;

/** Env maps may not set {@code ORUN_*} variables: orun sets those itself at run time. */
final class EnvKeys {

    private EnvKeys() {
    }

    static Map<String, String> checked(Map<String, String> env, YMap owner) {
        return checked(env, owner, "env");
    }

    static Map<String, String> checked(Map<String, String> env, YMap owner, String field) {
        for (String key : env.keySet()) {
            if (key.toUpperCase(Locale.ROOT).startsWith("ORUN_")) {
                throw owner.map(field).entries().get(key)
                        .error("env key \"" + key + "\" is reserved (ORUN_ variables are set by orun)");
            }
        }
        return env;
    }
}
