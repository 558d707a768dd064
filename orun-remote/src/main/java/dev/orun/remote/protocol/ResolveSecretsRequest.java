package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST …/runs/{runId}/secrets/resolve}: the values of a claimed job's secret references,
 * asked by the holder of its lease. {@code refs} must all resolve; {@code optionalRefs} are left
 * out of the answer when the project has no value for them. A reference is a {@code secret://}
 * path or a bare key; the server looks it up by its key ({@code Job.SecretRef.keyOf}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResolveSecretsRequest(String runnerId, String jobId, Long leaseEpoch, List<String> refs,
    List<String> optionalRefs) {}
