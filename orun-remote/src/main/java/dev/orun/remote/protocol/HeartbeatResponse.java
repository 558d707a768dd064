package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** The renewed lease. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatResponse(Instant leaseExpiresAt, int leaseSeconds, int heartbeatIntervalSeconds) {}
