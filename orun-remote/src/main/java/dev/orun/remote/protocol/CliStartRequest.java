package dev.orun.remote.protocol;

/** {@code POST /v1/auth/cli/start} and {@code /device/start}: the host asking to log in. */
public record CliStartRequest(String host) {}
