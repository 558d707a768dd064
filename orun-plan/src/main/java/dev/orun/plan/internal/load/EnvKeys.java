package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YMap;
import java.util.Locale;
import java.util.Map;

/**
 * Env maps may not set {@code ORUN_*} variables (orun sets those itself at run time), and every
 * name and value must be one a process environment can hold.
 */
final class EnvKeys {

    private EnvKeys() {
    }

    static Map<String, String> checked(Map<String, String> env, YMap owner) {
        return checked(env, owner, "env");
    }

    static Map<String, String> checked(Map<String, String> env, YMap owner, String field) {
        usable(env, owner, field);
        for (String key : env.keySet()) {
            if (key.toUpperCase(Locale.ROOT).startsWith("ORUN_")) {
                throw owner.map(field).entries().get(key)
                        .error("env key \"" + key + "\" is reserved (ORUN_ variables are set by orun)");
            }
        }
        return env;
    }

    /**
     * Names and values a process environment can hold: the runner would refuse a name with
     * {@code =} or a NUL character when the step starts, after other jobs ran.
     */
    static Map<String, String> usable(Map<String, String> env, YMap owner) {
        return usable(env, owner, "env");
    }

    static Map<String, String> usable(Map<String, String> env, YMap owner, String field) {
        env.forEach((key, value) -> {
            if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
                throw owner.map(field).entries().get(key).error("env key \"" + key.replace("\0", "\\0")
                        + "\" cannot be an environment variable name (it must not be empty or contain '=' or NUL)");
            }
            if (value.indexOf('\0') >= 0) {
                throw owner.map(field).entries().get(key).error("env \"" + key + "\" contains a NUL character, "
                        + "which no process environment can hold");
            }
        });
        return env;
    }
}
