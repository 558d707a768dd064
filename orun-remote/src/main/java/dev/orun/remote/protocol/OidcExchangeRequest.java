package dev.orun.remote.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/auth/oidc/exchange}: a GitHub Actions OIDC token, optionally an org hint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OidcExchangeRequest(String token, String org) {}
