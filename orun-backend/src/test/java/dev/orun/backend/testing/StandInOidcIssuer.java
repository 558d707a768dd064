package dev.orun.backend.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Stands in for GitHub's Actions OIDC issuer on loopback: its own RSA key, its JWKS served at
 * {@code /.well-known/jwks}, and signed tokens with the claims GitHub puts in them.
 */
public final class StandInOidcIssuer implements AutoCloseable {
  public static final String ISSUER = "https://token.actions.githubusercontent.com";

  private final RSAKey key;
  private final HttpServer server;
  private final java.util.concurrent.atomic.AtomicInteger idTokenRequests = new java.util.concurrent.atomic.AtomicInteger();

  public StandInOidcIssuer() throws JOSEException, IOException {
    key = new RSAKeyGenerator(2048).keyID("stand-in-1").generate();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext("/.well-known/jwks", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(jwks);
      }
    });
    server.start();
  }

  /**
   * Also act as a workflow job's ID-token endpoint ({@code ACTIONS_ID_TOKEN_REQUEST_URL}): a GET
   * with {@code Authorization: Bearer requestToken} and {@code audience=A} answers
   * {@code {"value": jwt}} for {@code repository} on {@code ref}. Returns the URL to request, and
   * counts requests in {@link #idTokenRequests()}.
   */
  public String serveIdTokens(String requestToken, String repository, String ref) {
    server.createContext("/id-token", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      String audience = query == null ? null : java.util.Arrays.stream(query.split("&"))
          .filter(p -> p.startsWith("audience=")).map(p -> p.substring("audience=".length())).findFirst().orElse(null);
      byte[] body;
      int status;
      if (!("Bearer " + requestToken).equals(exchange.getRequestHeaders().getFirst("Authorization")) || audience == null) {
        status = 401;
        body = "{}".getBytes(StandardCharsets.UTF_8);
      } else {
        idTokenRequests.incrementAndGet();
        try {
          status = 200;
          body = ("{\"value\":\"" + token(repository, ref, audience, Instant.now().plusSeconds(300)) + "\"}")
              .getBytes(StandardCharsets.UTF_8);
        } catch (JOSEException e) {
          status = 500;
          body = "{}".getBytes(StandardCharsets.UTF_8);
        }
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/id-token?api-version=2.0";
  }

  public int idTokenRequests() {
    return idTokenRequests.get();
  }

  public URI jwksUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks");
  }

  /** A token as a workflow of {@code repository} on {@code ref} would get it. */
  public String token(String repository, String ref, String audience, Instant expires) throws JOSEException {
    return sign(key, ISSUER, repository, ref, audience, expires);
  }

  /** The same token signed by a different key that claims this issuer's key id. */
  public String forgedToken(String repository, String ref, String audience) throws JOSEException {
    RSAKey other = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
    return sign(other, ISSUER, repository, ref, audience, Instant.now().plusSeconds(300));
  }

  public String tokenFromIssuer(String issuer, String repository, String ref, String audience) throws JOSEException {
    return sign(key, issuer, repository, ref, audience, Instant.now().plusSeconds(300));
  }

  private static String sign(RSAKey signingKey, String issuer, String repository, String ref, String audience,
      Instant expires) throws JOSEException {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
        .subject("repo:" + repository + ":ref:" + ref).expirationTime(Date.from(expires))
        .issueTime(Date.from(Instant.now().minusSeconds(5))).claim("repository", repository)
        .claim("repository_id", "123456").claim("ref", ref).claim("actor", "octocat")
        .claim("extra", Map.of("ignored", true)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
        claims);
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
