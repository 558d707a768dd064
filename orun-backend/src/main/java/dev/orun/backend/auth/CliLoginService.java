package dev.orun.backend.auth;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.Ids;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.LoginStore;
import dev.orun.backend.store.LoginStore.LoginRow;
import dev.orun.backend.store.Scope;
import dev.orun.remote.protocol.CliStartResponse;
import dev.orun.remote.protocol.DevicePollResponse;
import dev.orun.remote.protocol.DeviceStartResponse;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.Session;
import java.time.Instant;

/**
 * {@code orun auth login}: a pending login (browser or device flow) is approved by an
 * administrator for one (org, project), then redeemed exactly once for a session. Polling secrets
 * (cliCode, deviceCode) are stored hashed; the user code is what the administrator sees.
 */
public final class CliLoginService {
  static final int DEVICE_INTERVAL_SECONDS = 5;

  private final Database db;
  private final LoginStore store = new LoginStore();
  private final SessionIssuer sessions;
  private final BackendConfig config;

  public CliLoginService(Database db, BackendConfig config) {
    this.db = db;
    this.sessions = new SessionIssuer(db, config);
    this.config = config;
  }

  public CliStartResponse startBrowser(String host, String baseUrl) {
    String cliCode = Secrets.token("cli");
    LoginRow login = newLogin("browser", host, cliCode);
    return new CliStartResponse(authorizeUrl(baseUrl, login.userCode()), cliCode, login.userCode(),
        Instant.ofEpochMilli(login.expiresAt()));
  }

  public DeviceStartResponse startDevice(String host, String baseUrl) {
    String deviceCode = Secrets.token("dc");
    LoginRow login = newLogin("device", host, deviceCode);
    String uri = baseUrl + "/v1/auth/cli/authorize";
    return new DeviceStartResponse(deviceCode, login.userCode(), uri, authorizeUrl(baseUrl, login.userCode()),
        Instant.ofEpochMilli(login.expiresAt()), config.loginTtl().toSeconds(), DEVICE_INTERVAL_SECONDS);
  }

  /** Approves a pending login for {@code scope} (the {@code auth approve} command and the approval page). */
  public void approve(String userCode, Scope scope) {
    if (!Ids.isScopeSegment(scope.org()) || !Ids.isScopeSegment(scope.project())) {
      throw ApiException.invalid("org/project", "letters, digits, _ . - only");
    }
    String code = normalise(userCode);
    db.inTransaction(c -> {
      LoginRow login = store.lockByUserCode(c, code);
      if (login == null) {
        throw ApiException.notFound("login code " + code);
      }
      if (login.expiresAt() <= config.clock().millis()) {
        throw new ApiException(410, ErrorCodes.EXPIRED, "login code " + code + " has expired");
      }
      if (!login.status().equals("pending")) {
        throw new ApiException(409, ErrorCodes.CONFLICT, "login code " + code + " is already " + login.status());
      }
      store.setStatus(c, login.id(), "approved", scope.org(), scope.project());
      return null;
    });
  }

  /** Browser flow: a pending login is HTTP 400 {@code authorization_pending}; approved → the session. */
  public Session redeemCliCode(String cliCode) {
    Object r = redeem(cliCode, "browser");
    if (r instanceof Session s) {
      return s;
    }
    throw new ApiException(400, ErrorCodes.AUTHORIZATION_PENDING, "the login has not been approved yet");
  }

  /** Device flow: pending (or {@code slow_down} when polled faster than the interval) or complete. */
  public DevicePollResponse pollDevice(String deviceCode) {
    Object r = redeem(deviceCode, "device");
    if (r instanceof Session s) {
      return DevicePollResponse.complete(s);
    }
    return (DevicePollResponse) r;
  }

  private Object redeem(String secret, String flow) {
    if (secret == null || secret.isBlank() || secret.length() > 256) {
      throw ApiException.invalid(flow.equals("device") ? "deviceCode" : "cliCode", "required");
    }
    long now = config.clock().millis();
    return db.inTransaction(c -> {
      LoginRow login = store.lockByPollHash(c, Secrets.hash(secret));
      if (login == null || !login.flow().equals(flow)) {
        throw ApiException.notFound("login");
      }
      switch (login.status()) {
        case "redeemed" -> throw new ApiException(410, ErrorCodes.EXPIRED, "this login code was already used");
        case "denied" -> throw new ApiException(403, ErrorCodes.ACCESS_DENIED, "the login was denied");
        default -> { }
      }
      if (login.expiresAt() <= now) {
        throw new ApiException(410, ErrorCodes.EXPIRED, "the login code has expired");
      }
      if (login.status().equals("pending")) {
        boolean tooFast = login.lastPollAt() != null && now - login.lastPollAt() < (DEVICE_INTERVAL_SECONDS - 1) * 1000L;
        store.touchPoll(c, login.id(), now);
        return flow.equals("device") && tooFast
            ? new DevicePollResponse("pending", ErrorCodes.SLOW_DOWN, null) : DevicePollResponse.pending();
      }
      store.setStatus(c, login.id(), "redeemed", null, null);
      return sessions.open(c, new Scope(login.org(), login.project()), login.host());
    });
  }

  public Session refresh(String refreshToken) {
    return sessions.refresh(refreshToken);
  }

  public void revoke(String refreshToken) {
    sessions.revoke(refreshToken);
  }

  private LoginRow newLogin(String flow, String host, String pollSecret) {
    String cleaned = host == null ? null : host.replaceAll("[^A-Za-z0-9._-]", "");
    String safeHost = cleaned == null ? null : cleaned.substring(0, Math.min(64, cleaned.length()));
    long now = config.clock().millis();
    LoginRow login = new LoginRow(Secrets.id("login"), flow, Secrets.userCode(), safeHost, "pending", null, null, now,
        now + config.loginTtl().toMillis(), null);
    db.inTransaction(c -> {
      store.insertLogin(c, login, Secrets.hash(pollSecret));
      return null;
    });
    return login;
  }

  static String authorizeUrl(String baseUrl, String userCode) {
    return baseUrl + "/v1/auth/cli/authorize?code=" + userCode;
  }

  /** Accepts {@code abcd-efgh} or {@code ABCDEFGH} for {@code ABCD-EFGH}. */
  public static String normalise(String code) {
    String s = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT).replace("-", "");
    if (!s.matches("[A-Z0-9]{8}")) {
      throw ApiException.badRequest("a login code looks like ABCD-EFGH");
    }
    return s.substring(0, 4) + "-" + s.substring(4);
  }
}
