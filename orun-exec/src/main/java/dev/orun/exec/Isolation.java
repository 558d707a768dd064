package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import java.util.Locale;

/**
 * Per-job workspace isolation ({@code --isolation}). {@code AUTO} stages a private workspace for
 * each job when more than one job may run at once; {@code WORKSPACE} always does; {@code NONE}
 * runs every job in the source tree. See {@code dev.orun.exec.internal.isolation.WorkspaceStager}
 * for exactly what a staged workspace guarantees.
 */
public enum Isolation {
    AUTO, WORKSPACE, NONE;

    public static Isolation parse(String value) {
        try {
            return Isolation.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("invalid --isolation \"" + value
                    + "\" (expected auto, workspace or none)");
        }
    }

    /** Whether jobs get a staged workspace at the given effective concurrency. */
    public boolean enabledAt(int concurrency) {
        return this == WORKSPACE || (this == AUTO && concurrency > 1);
    }
}
