package dev.orun.core.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Plan metadata. Holds no wall-clock time, so identical inputs give identical plans. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "description", "checksum", "source", "scope"})
public record PlanMetadata(String name, String description, String checksum, PlanSource source,
                           PlanScope scope) {

    public PlanMetadata withChecksum(String newChecksum) {
        return new PlanMetadata(name, description, newChecksum, source, scope);
    }
}
