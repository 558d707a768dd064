package dev.orun.remote.protocol;

/** {@code POST …:heartbeat}: only the (runnerId, leaseEpoch) holder may renew. */
public record HeartbeatRequest(String runnerId, long leaseEpoch) {}
