package dev.orun.remote.protocol;

/** {@code POST /v1/auth/cli/device/poll}. */
public record DevicePollRequest(String deviceCode) {}
