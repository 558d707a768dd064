package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code POST …/state/runs}: creates a run idempotently by {@code runId}. Unknown fields are
 * refused by the server (422), so this record lists every field the contract knows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateRunRequest(
    String runId,
    String planDigest,
    String source,
    String environment,
    GitInfo git,
    Map<String, String> labels,
    List<JobSpec> jobs) {}
