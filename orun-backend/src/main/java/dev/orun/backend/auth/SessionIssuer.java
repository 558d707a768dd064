package dev.orun.backend.auth;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.LoginStore;
import dev.orun.backend.store.LoginStore.RefreshRow;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.TokenStore;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * CLI sessions: an access token plus a single-use refresh token that rotates on every refresh.
 * Presenting a refresh token twice revokes the whole session (a stolen copy is useless once the
 * owner refreshed, and the owner notices when the thief did).
 */
final class SessionIssuer {
  private final Database db;
  private final LoginStore store = new LoginStore();
  private final TokenStore tokenStore = new TokenStore();
  private final BackendConfig config;

  SessionIssuer(Database db, BackendConfig config) {
    this.db = db;
    this.config = config;
  }

  Session open(Connection c, Scope scope, String host) throws SQLException {
    String sessionId = Secrets.id("ses");
    store.insertSession(c, sessionId, scope.org(), scope.project(), host, config.clock().millis());
    return mint(c, sessionId, scope, host);
  }

  Session refresh(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw ApiException.invalid("refreshToken", "required");
    }
    String hash = Secrets.hash(refreshToken);
    long now = config.clock().millis();
    Object result = db.inTransaction(c -> {
      RefreshRow row = store.lockRefresh(c, hash);
      if (row == null) {
        return new ApiException(401, ErrorCodes.INVALID_GRANT, "unknown refresh token");
      }
      if (row.sessionRevokedAt() != null) {
        return new ApiException(401, "session_revoked", "the session was revoked; run `orun auth login`");
      }
      if (row.usedAt() != null) {
        store.revokeSession(c, row.sessionId(), now);
        tokenStore.revokeSession(c, row.sessionId(), now);
        return new ApiException(401, "token_reused", "refresh token used twice; the session is revoked");
      }
      if (row.expiresAt() <= now) {
        return new ApiException(401, ErrorCodes.EXPIRED, "the refresh token has expired");
      }
      store.markRefreshUsed(c, hash, now);
      return mint(c, row.sessionId(), new Scope(row.org(), row.project()), null);
    });
    if (result instanceof ApiException e) {
      db.tokenCache().clear(); // a detected reuse revoked the session's access tokens
      throw e; // thrown after commit, so a detected reuse stays revoked
    }
    return (Session) result;
  }

  void revoke(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank()) {
      throw ApiException.invalid("refreshToken", "required");
    }
    long now = config.clock().millis();
    db.inTransaction(c -> {
      RefreshRow row = store.lockRefresh(c, Secrets.hash(refreshToken));
      if (row == null) {
        throw ApiException.notFound("session");
      }
      store.revokeSession(c, row.sessionId(), now);
      tokenStore.revokeSession(c, row.sessionId(), now);
      return null;
    });
    db.tokenCache().clear();
  }

  private Session mint(Connection c, String sessionId, Scope scope, String host) throws SQLException {
    long now = config.clock().millis();
    String access = Secrets.token("at");
    long accessExpires = now + config.sessionTokenTtl().toMillis();
    tokenStore.insert(c, new TokenStore.TokenRow(Secrets.id("tok"), Principal.SESSION, scope.org(), scope.project(),
        "cli session " + sessionId, sessionId, now, accessExpires, null), Secrets.hash(access));
    String refresh = Secrets.token("rt");
    long refreshExpires = now + config.refreshTokenTtl().toMillis();
    store.insertRefresh(c, Secrets.hash(refresh), sessionId, now, refreshExpires);
    String display = host == null ? "orun CLI" : "orun CLI on " + host;
    return new Session(access, Instant.ofEpochMilli(accessExpires), refresh, Instant.ofEpochMilli(refreshExpires),
        new Session.User(sessionId, null, display), List.of(new Session.Org(scope.org(), scope.org(), scope.org(),
        "member")), scope.project());
  }
}
