package dev.orun.plan.internal.load;

import dev.orun.plan.internal.model.EnvironmentDecl;
import dev.orun.plan.internal.yaml.YMap;
import java.util.Set;

/** {@code dependencyMode}: enforced (default), advisory (edges recorded, not enforced) or disabled. */
final class DependencyModes {

    private static final Set<String> MODES = Set.of(EnvironmentDecl.ENFORCED, EnvironmentDecl.ADVISORY,
            EnvironmentDecl.DISABLED);

    private DependencyModes() {
    }

    /** The mode declared on {@code owner}, or null when it declares none. */
    static String of(YMap owner) {
        String mode = owner.string("dependencyMode");
        if (mode == null || mode.isBlank()) {
            return null;
        }
        if (!MODES.contains(mode)) {
            throw owner.get("dependencyMode").error("invalid dependencyMode \"" + mode
                    + "\" (expected enforced, advisory or disabled)");
        }
        return mode;
    }
}
