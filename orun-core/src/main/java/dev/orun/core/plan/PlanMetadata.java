package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Plan metadata. Holds no wall-clock time, so identical inputs give identical plans.
 * {@code namespace} is the intent's {@code metadata.namespace}; {@code trigger} is set when the
 * plan was compiled for a trigger.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "description", "namespace", "checksum", "source", "trigger", "scope"})
public record PlanMetadata(String name, String description, String checksum, PlanSource source,
                           PlanScope scope, String namespace, PlanTrigger trigger) {

    /** Metadata without namespace and trigger. */
    public PlanMetadata(String name, String description, String checksum, PlanSource source, PlanScope scope) {
        this(name, description, checksum, source, scope, null, null);
    }

    public PlanMetadata withChecksum(String newChecksum) {
        return new PlanMetadata(name, description, newChecksum, source, scope, namespace, trigger);
    }
}
