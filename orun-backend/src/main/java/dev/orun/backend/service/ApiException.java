package dev.orun.backend.service;

import dev.orun.remote.protocol.ErrorCodes;
import java.util.Map;

/** A refusal with its HTTP status, error code and a message safe to show the caller. */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final transient Map<String, Object> details;

  public ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public static ApiException notFound(String what) {
    return new ApiException(404, ErrorCodes.NOT_FOUND, what + " not found");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, ErrorCodes.BAD_REQUEST, message);
  }

  /** 422 naming the offending field. */
  public static ApiException invalid(String field, String problem) {
    return new ApiException(422, ErrorCodes.VALIDATION_FAILED, field + ": " + problem,
        Map.of("fields", Map.of(field, problem)));
  }

  public static ApiException tooLarge(String what, long limit) {
    return new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE, what + " exceeds the limit of " + limit + " bytes",
        Map.of("limit", limit));
  }

  public static ApiException leaseLost() {
    return new ApiException(409, ErrorCodes.LEASE_LOST, "lease_lost: the job is held under another lease");
  }
}
