package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A short-lived workflow token bound to (orgId, projectId). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OidcExchangeResponse(String accessToken, String tokenType, Instant expiresAt, String orgId,
    String projectId) {}
