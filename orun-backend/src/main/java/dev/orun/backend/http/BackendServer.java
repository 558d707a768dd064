package dev.orun.backend.http;

import dev.orun.backend.auth.AuthException;
import dev.orun.backend.auth.CliLoginService;
import dev.orun.backend.auth.OidcExchangeService;
import dev.orun.backend.auth.TokenService;
import dev.orun.backend.auth.TrustService;
import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.ops.Metrics;
import dev.orun.backend.secrets.SecretService;
import dev.orun.backend.secrets.SecretsKey;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.CoordinationService;
import dev.orun.backend.service.EventService;
import dev.orun.backend.service.LeaseSweeper;
import dev.orun.backend.service.LogService;
import dev.orun.backend.service.ObjectService;
import dev.orun.backend.service.RunService;
import dev.orun.backend.service.RunSignals;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.StoreException;
import dev.orun.remote.protocol.ErrorCodes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The State API server: wires the services to Javalin routes, runs the lease sweeper, and shuts
 * down gracefully (stops taking requests, lets in-flight ones finish, then closes).
 */
public final class BackendServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("orun.backend.http");

  private final Database db;
  private final BackendConfig config;
  private final Metrics metrics = new Metrics();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ScheduledExecutorService sweeper;
  private final LeaseSweeper leaseSweeper;
  private final RunSignals signals = new RunSignals();
  private final Javalin app;
  private volatile boolean draining;

  /** A server without a secrets key: secrets cannot be resolved (503) until one is configured. */
  public BackendServer(Database db, BackendConfig config) {
    this(db, config, null);
  }

  /** @param secretsKey seals and opens project secrets (docs/decisions/backend-secrets.md), or {@code null} */
  public BackendServer(Database db, BackendConfig config, SecretsKey secretsKey) {
    this.db = db;
    this.config = config;
    TokenService tokens = new TokenService(db, config.clock());
    Access access = new Access(tokens);
    CoordinationService coordination = new CoordinationService(db, signals, metrics, config);
    CliLoginService logins = new CliLoginService(db, config);
    StateRoutes state = new StateRoutes(access, new RunService(db, signals, config),
        new LogService(db, signals, config), coordination, config.limits());
    CoordinationRoutes verbs = new CoordinationRoutes(access, coordination, new EventService(db, signals, config),
        config.limits());
    ObjectRoutes objects = new ObjectRoutes(access, new ObjectService(db, config), config.limits());
    AuthRoutes auth = new AuthRoutes(new OidcExchangeService(new TrustService(db, config.clock()), tokens, config),
        logins, config.limits(), config.publicUrl());
    ApprovalPage approval = new ApprovalPage(logins, tokens);
    SecretRoutes secrets = new SecretRoutes(access, new SecretService(db, secretsKey, config.clock()),
        config.limits());
    this.leaseSweeper = new LeaseSweeper(db, signals, metrics, config);
    this.app = Javalin.create(cfg -> {
      configure(cfg);
      state.register(cfg.routes);
      verbs.register(cfg.routes);
      objects.register(cfg.routes);
      auth.register(cfg.routes);
      approval.register(cfg.routes);
      secrets.register(cfg.routes);
      cfg.routes.get("/healthz", ctx -> Http.flat(ctx, 200, java.util.Map.of("status", "ok")));
      cfg.routes.get("/readyz", this::ready);
      cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.render()));
    });
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "orun-lease-sweeper");
      t.setDaemon(true);
      return t;
    });
  }

  private void configure(JavalinConfig cfg) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.maxRequestSize = Math.max(config.limits().maxObjectBytes(), config.limits().partSizeBytes()) + 1;
    // Let odd paths (encoded slashes, dot segments, NUL) reach the router so they get JSON errors.
    cfg.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.UNSAFE));
    cfg.jetty.modifyServer(server -> {
      server.setStopTimeout(config.maxLongPoll().toMillis() + 5_000);
      server.setErrorHandler(new JsonErrorHandler());
      // Javalin puts a Jetty StatisticsHandler in front of every request; nothing reads its
      // counters (/metrics has our own), and its wrappers were a few percent of a request's CPU.
      server.setHandler((org.eclipse.jetty.server.Handler) null);
    });
    cfg.jetty.modifyServletContextHandler(handler -> {
      handler.setErrorHandler(new JsonErrorHandler());
      handler.setSessionHandler(new NoSessions());
    });
    // Javalin copies each result into the response through a buffer of this size, allocated per
    // request (Jetty's 32 KiB output buffer size by default); answers are mostly under 1 KiB, and a
    // large one still goes out in Jetty's own output buffer.
    cfg.http.responseBufferSize = 8192;
    cfg.routes.before(ctx -> {
      inFlight.incrementAndGet();
      ctx.attribute(Http.REQUEST_ID, "req_" + HexFormat.of().formatHex(randomBytes()));
      ctx.header("X-Request-Id", Http.requestId(ctx));
      if (draining && !ctx.path().equals("/healthz")) {
        throw new ApiException(503, ErrorCodes.UNAVAILABLE, "the server is shutting down");
      }
    });
    cfg.requestLogger.http((ctx, ms) -> {
      inFlight.decrementAndGet();
      String route = routeOf(ctx);
      int status = ctx.status().getCode();
      metrics.observeRequest(ctx.method().name(), route, status, ms / 1000.0);
      // Routine requests (answered, under a second) log at debug: at thousands of coordination
      // verbs a second a line each costs more than the verb (docs/decisions/backend-request-logs.md).
      boolean routine = status < 400 && ms < 1000;
      if (routine ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
        String line = "request method=" + ctx.method().name() + " route=" + route + " status=" + status + " ms="
            + Math.round(ms * 10) / 10.0 + " requestId=" + Http.requestId(ctx);
        if (routine) {
          LOG.debug(line);
        } else {
          LOG.info(line);
        }
      }
    });
    cfg.routes.exception(ApiException.class, (e, ctx) -> Http.error(ctx, e.status(), e.code(), e.getMessage(),
        e.details()));
    cfg.routes.exception(AuthException.class, (e, ctx) -> Http.error(ctx, 401, ErrorCodes.UNAUTHORIZED,
        e.getMessage(), null));
    cfg.routes.exception(StoreException.class, (e, ctx) -> {
      LOG.warn("database error requestId={}: {}", Http.requestId(ctx), e.getMessage());
      Http.error(ctx, 503, ErrorCodes.INTERNAL_ERROR, "database unavailable; retry later", null);
    });
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error requestId={}", Http.requestId(ctx), e);
      Http.error(ctx, 500, ErrorCodes.INTERNAL_ERROR, "internal error", null);
    });
    cfg.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        Http.error(ctx, 404, ErrorCodes.NOT_FOUND, "no such route", null);
      }
    });
    cfg.routes.error(405, "*", ctx -> Http.error(ctx, 405, "unsupported", "method not allowed", null));
  }

  private static String routeOf(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  private void ready(Context ctx) {
    boolean up = !draining && db.ping();
    Http.flat(ctx, up ? 200 : 503, java.util.Map.of("status", up ? "ready" : "unavailable"));
  }

  public BackendServer start() {
    app.start(config.bind(), config.port());
    long every = config.sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(leaseSweeper::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  public int port() {
    return app.port();
  }

  public Metrics metrics() {
    return metrics;
  }

  public LeaseSweeper leaseSweeper() {
    return leaseSweeper;
  }

  /** Stops taking new requests, waits for in-flight ones (bounded), then stops Jetty. */
  @Override
  public void close() {
    draining = true;
    signals.closeAll();
    sweeper.shutdownNow();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.maxLongPoll().toMillis() + 5_000);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    app.stop();
  }

  /** Request ids only correlate log lines; they need to be unique, not unpredictable. */
  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(b);
    return b;
  }
}
