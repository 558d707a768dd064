package dev.orun.backend.auth;

/** A missing, unknown, expired or revoked bearer token (HTTP 401). The message never holds it. */
public final class AuthException extends RuntimeException {
  public AuthException(String message) {
    super(message);
  }
}
