package dev.orun.backend.config;

import java.net.URI;

/**
 * Where GitHub Actions OIDC tokens come from: the issuer ({@code iss}), the JWKS that signs them
 * and the audience they must carry. A stand-in issuer on loopback is used in tests.
 */
public record OidcSettings(String issuer, URI jwksUri, String audience) {
  public static final String GITHUB_ISSUER = "https://token.actions.githubusercontent.com";

  public static OidcSettings github() {
    return new OidcSettings(GITHUB_ISSUER, URI.create(GITHUB_ISSUER + "/.well-known/jwks"), "orun-cloud");
  }
}
