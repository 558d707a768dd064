package dev.orun.backend.auth;

import dev.orun.backend.store.Database;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TokenStore;
import dev.orun.backend.store.TokenStore.TokenRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Issues and checks bearer tokens. Every token is scoped to one (org, project), except admin
 * tokens, which only approve CLI logins. Lookups go by the token's SHA-256, through the database's
 * short-lived {@link dev.orun.backend.store.TokenCache}.
 */
public final class TokenService {
  private final Database db;
  private final TokenStore store = new TokenStore();
  private final Clock clock;

  public TokenService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A freshly issued token: the secret is in {@code token} and is not kept anywhere. */
  public record Issued(String id, String token, Instant expiresAt) {}

  public Issued issue(String kind, Scope scope, String name, Duration ttl, String sessionId) {
    String prefix = switch (kind) {
      case Principal.API -> "sk";
      case Principal.WORKFLOW -> "wf";
      case Principal.SESSION -> "at";
      case Principal.ADMIN -> "adm";
      default -> throw new IllegalArgumentException("unknown token kind " + kind);
    };
    String token = Secrets.token(prefix);
    long now = clock.millis();
    Long expires = ttl == null ? null : now + ttl.toMillis();
    TokenRow row = new TokenRow(Secrets.id("tok"), kind, scope == null ? null : scope.org(),
        scope == null ? null : scope.project(), name, sessionId, now, expires, null);
    db.inTransaction(c -> {
      store.insert(c, row, Secrets.hash(token));
      return null;
    });
    return new Issued(row.id(), token, expires == null ? null : Instant.ofEpochMilli(expires));
  }

  /** The principal behind an {@code Authorization} header value; throws {@link AuthException}. */
  public Principal authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new AuthException("missing bearer token");
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty() || token.length() > 512) {
      throw new AuthException("invalid bearer token");
    }
    String hash = Secrets.hash(token);
    TokenRow row = db.tokenCache().get(hash);
    if (row == null) {
      long generation = db.tokenCache().generation();
      row = db.read(c -> store.findByHash(c, hash));
      if (row != null && row.revokedAt() == null) {
        db.tokenCache().put(hash, row, generation);
      }
    }
    long now = clock.millis();
    if (row == null || row.revokedAt() != null || (row.expiresAt() != null && row.expiresAt() <= now)) {
      throw new AuthException("invalid, expired or revoked token");
    }
    Scope scope = row.org() == null ? null : new Scope(row.org(), row.project());
    return new Principal(row.id(), row.kind(), scope);
  }

  public List<TokenRow> list() {
    return db.read(store::listManaged);
  }

  public boolean revoke(String id) {
    boolean revoked = db.inTransaction(c -> store.revoke(c, id, clock.millis()));
    db.tokenCache().clear();
    return revoked;
  }
}
