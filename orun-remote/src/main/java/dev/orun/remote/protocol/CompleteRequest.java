package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST …:complete}: {@code outcome} is {@code succeeded} or {@code failed}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteRequest(
    String runnerId,
    long leaseEpoch,
    String outcome,
    String resultDigest,
    String jobInputHash,
    String errorText) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
}
