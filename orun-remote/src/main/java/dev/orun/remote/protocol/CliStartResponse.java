package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A pending browser login: open {@code authorizeUrl}, then redeem {@code cliCode} at
 * {@code /v1/auth/cli/token}. {@code userCode} is what an administrator approves.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CliStartResponse(String authorizeUrl, String cliCode, String userCode, Instant expiresAt) {}
