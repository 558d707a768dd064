package dev.orun.backend.http;

import dev.orun.backend.config.Limits;
import dev.orun.backend.secrets.SecretService;
import dev.orun.backend.service.Ids;
import dev.orun.remote.protocol.ResolveSecretsRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST …/runs/{runId}/secrets/resolve}: a claimed job's secret values for the holder of its
 * lease. Dialect A, so the answer is wrapped. The request log names the route, never the body.
 */
final class SecretRoutes {
  private final Access access;
  private final SecretService secrets;
  private final Limits limits;

  SecretRoutes(Access access, SecretService secrets, Limits limits) {
    this.access = access;
    this.secrets = secrets;
    this.limits = limits;
  }

  void register(RoutesConfig r) {
    r.post(StateRoutes.BASE + "/runs/{runId}/secrets/resolve", this::resolve);
  }

  private void resolve(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    ResolveSecretsRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), ResolveSecretsRequest.class);
    // answers carrying values must not be kept by a proxy or the client's cache
    ctx.header("Cache-Control", "no-store");
    Http.wrapped(ctx, 200, secrets.resolve(g.scope(), runId, req));
  }
}
