package dev.orun.plan.internal.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A composition: how components of one {@code type} are built and deployed. {@code jobs} and
 * {@code profiles} keep declaration order. {@code parameterSchema} is null when none is declared.
 */
public record Composition(
        String type,
        String sourceName,
        Path file,
        Map<String, Object> parameterSchema,
        Path schemaFile,
        Map<String, JobDef> jobs,
        String defaultJob,
        Map<String, ProfileDef> profiles,
        String defaultProfile) {

    public boolean hasProfiles() {
        return !profiles.isEmpty();
    }
}
