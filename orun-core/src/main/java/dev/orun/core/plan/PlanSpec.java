package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the plan was compiled from, beyond the workspace's own files: the composition sources with
 * the digest each resolved to, in declaration order, so a plan built from a moving OCI tag still
 * names exactly what it used.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PlanSpec(List<CompositionSource> compositionSources) {

    public PlanSpec {
        compositionSources = compositionSources == null ? List.of() : List.copyOf(compositionSources);
    }

    /**
     * One declared source: {@code kind} {@code dir}/{@code archive} (with {@code path}) or
     * {@code oci} (with {@code ref}); {@code resolvedDigest} is {@code sha256:<hex>} of the
     * directory's files, the archive file or the OCI manifest; {@code exports} the component
     * types it provides, sorted.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"name", "kind", "ref", "path", "resolvedDigest", "exports"})
    public record CompositionSource(String name, String kind, String ref, String path, String resolvedDigest,
                                    List<String> exports) {
        public CompositionSource {
            exports = exports == null ? List.of() : List.copyOf(exports);
        }
    }
}
