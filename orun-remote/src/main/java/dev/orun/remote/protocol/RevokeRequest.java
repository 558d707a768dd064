package dev.orun.remote.protocol;

/** {@code POST /v1/auth/cli/revoke}: ends the session the refresh token belongs to. */
public record RevokeRequest(String refreshToken) {}
