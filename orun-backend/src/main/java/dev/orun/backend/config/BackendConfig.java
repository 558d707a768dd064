package dev.orun.backend.config;

import java.time.Clock;
import java.time.Duration;

/** Everything a server instance is configured with; {@link #defaults()} is what {@code serve} uses. */
public record BackendConfig(
    String bind,
    int port,
    String publicUrl,
    Limits limits,
    int leaseSeconds,
    int heartbeatIntervalSeconds,
    int maxAttempts,
    Duration sweepInterval,
    Duration maxLongPoll,
    Duration workflowTokenTtl,
    Duration sessionTokenTtl,
    Duration refreshTokenTtl,
    Duration loginTtl,
    OidcSettings oidc,
    Clock clock) {

  public static BackendConfig defaults() {
    return new BackendConfig("127.0.0.1", 8080, null, Limits.defaults(), 60, 20, 5, Duration.ofSeconds(5),
        Duration.ofSeconds(25), Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30),
        Duration.ofMinutes(10), OidcSettings.github(), Clock.systemUTC());
  }

  public BackendConfig withListen(String newBind, int newPort) {
    return new BackendConfig(newBind, newPort, publicUrl, limits, leaseSeconds, heartbeatIntervalSeconds,
        maxAttempts, sweepInterval, maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc,
        clock);
  }

  public BackendConfig withPublicUrl(String url) {
    return new BackendConfig(bind, port, url, limits, leaseSeconds, heartbeatIntervalSeconds, maxAttempts,
        sweepInterval, maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc, clock);
  }

  public BackendConfig withLimits(Limits l) {
    return new BackendConfig(bind, port, publicUrl, l, leaseSeconds, heartbeatIntervalSeconds, maxAttempts,
        sweepInterval, maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc, clock);
  }

  public BackendConfig withOidc(OidcSettings o) {
    return new BackendConfig(bind, port, publicUrl, limits, leaseSeconds, heartbeatIntervalSeconds, maxAttempts,
        sweepInterval, maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, o, clock);
  }

  public BackendConfig withClock(Clock c) {
    return new BackendConfig(bind, port, publicUrl, limits, leaseSeconds, heartbeatIntervalSeconds, maxAttempts,
        sweepInterval, maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc, c);
  }

  public BackendConfig withSweepInterval(Duration d) {
    return new BackendConfig(bind, port, publicUrl, limits, leaseSeconds, heartbeatIntervalSeconds, maxAttempts, d,
        maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc, clock);
  }

  public BackendConfig withLease(int seconds, int heartbeatSeconds) {
    return new BackendConfig(bind, port, publicUrl, limits, seconds, heartbeatSeconds, maxAttempts, sweepInterval,
        maxLongPoll, workflowTokenTtl, sessionTokenTtl, refreshTokenTtl, loginTtl, oidc, clock);
  }
}
