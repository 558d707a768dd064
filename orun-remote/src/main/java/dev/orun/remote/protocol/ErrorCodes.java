package dev.orun.remote.protocol;

/** Error codes the server sends and the client branches on (compared case-insensitively). */
public final class ErrorCodes {
  public static final String BAD_REQUEST = "bad_request";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String FORBIDDEN = "forbidden";
  public static final String NOT_FOUND = "not_found";
  public static final String CONFLICT = "conflict";
  public static final String LEASE_LOST = "lease_lost";
  public static final String VALIDATION_FAILED = "validation_failed";
  public static final String OBJECT_MISSING = "object_missing";
  public static final String DIGEST_MISMATCH = "digest_mismatch";
  public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  public static final String CONTRACT_VERSION_UNSUPPORTED = "contract_version_unsupported";
  public static final String AUTHORIZATION_PENDING = "authorization_pending";
  public static final String SLOW_DOWN = "slow_down";
  public static final String ACCESS_DENIED = "access_denied";
  public static final String EXPIRED = "expired";
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String INTERNAL_ERROR = "internal_error";
  public static final String UNAVAILABLE = "unavailable";

  private ErrorCodes() {}
}
