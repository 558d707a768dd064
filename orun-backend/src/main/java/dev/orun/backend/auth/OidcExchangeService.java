package dev.orun.backend.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TrustStore.Binding;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.OidcExchangeResponse;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exchanges a GitHub Actions OIDC token for a short-lived workflow token: RS256 signature against
 * the issuer's JWKS, issuer, audience and expiry checked, then the {@code repository} claim looked
 * up in the trust bindings and the {@code ref} claim matched against the binding's pattern.
 */
public final class OidcExchangeService {
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final TrustService trust;
  private final TokenService tokens;
  private final BackendConfig config;

  public OidcExchangeService(TrustService trust, TokenService tokens, BackendConfig config) {
    this.trust = trust;
    this.tokens = tokens;
    this.config = config;
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.create(config.oidc().jwksUri().toURL()).retrying(true).build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("invalid JWKS URL " + config.oidc().jwksUri(), e);
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(config.oidc().audience(),
        new JWTClaimsSet.Builder().issuer(config.oidc().issuer()).build(), Set.of("exp", "repository", "ref")));
  }

  public OidcExchangeResponse exchange(String jwt, String orgHint) {
    if (jwt == null || jwt.isBlank() || jwt.length() > 16_384) {
      throw ApiException.invalid("token", "required");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, null);
    } catch (ParseException | BadJOSEException e) {
      throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "OIDC token rejected: " + e.getMessage());
    } catch (JOSEException e) {
      throw new ApiException(503, ErrorCodes.UNAVAILABLE, "cannot verify OIDC token: " + e.getMessage());
    }
    String repository;
    String ref;
    try {
      repository = claims.getStringClaim("repository");
      ref = claims.getStringClaim("ref");
    } catch (ParseException e) {
      throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "OIDC token rejected: repository/ref are not strings");
    }
    List<Binding> bindings = trust.forRepository(repository).stream()
        .filter(b -> orgHint == null || orgHint.isBlank() || b.org().equals(orgHint)).toList();
    if (bindings.isEmpty()) {
      throw ApiException.notFound("trust binding for this repository");
    }
    if (bindings.size() > 1) {
      throw new ApiException(409, ErrorCodes.CONFLICT, "several projects trust this repository; pass org",
          Map.of("orgs", bindings.stream().map(Binding::org).distinct().toList()));
    }
    Binding b = bindings.get(0);
    if (!TrustService.refMatches(b.refPattern(), ref)) {
      throw new ApiException(403, ErrorCodes.FORBIDDEN, "ref is not allowed by the trust binding",
          Map.of("reason", "ref_not_allowed"));
    }
    Scope scope = new Scope(b.org(), b.project());
    TokenService.Issued issued = tokens.issue(Principal.WORKFLOW, scope, "oidc " + repository + " " + ref,
        config.workflowTokenTtl(), null);
    return new OidcExchangeResponse(issued.token(), "Bearer", issued.expiresAt(), scope.org(), scope.project());
  }
}
