package dev.orun.plan.internal.model;

import java.util.List;
import java.util.Map;

/**
 * An execution profile: which jobs run, which of their steps, step patches, and the secrets its
 * jobs need ({@code secretBindings}, by key, sorted).
 */
public record ProfileDef(String name, Map<String, ProfileJob> jobs, Map<String, SecretBinding> secretBindings) {

    public ProfileDef {
        secretBindings = secretBindings == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(secretBindings));
    }

    /**
     * {@code secretBindings.<key>}: the job receives secret {@code key} of the project and environment
     * as {@code asEnv} (default: the key). {@code file}/{@code line} locate it for errors.
     */
    public record SecretBinding(String key, String asEnv, boolean required, java.nio.file.Path file, int line) {
    }

    /** The profile's view of one job. */
    public record ProfileJob(List<String> stepsEnabled, List<String> includeCapabilities,
                             Map<String, StepOverride> stepOverrides) {
    }

    /** {@code stepOverrides.<step>}: non-empty fields replace the step's. */
    public record StepOverride(String run, Map<String, Object> with, Map<String, Object> env) {
    }
}
