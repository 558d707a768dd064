package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A pending device login: show {@code userCode}, poll with {@code deviceCode} every interval. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceStartResponse(
    String deviceCode,
    String userCode,
    String verificationUri,
    String verificationUriComplete,
    Instant expiresAt,
    long expiresIn,
    int interval) {}
