package dev.orun.backend.http;

import dev.orun.backend.config.Limits;
import dev.orun.backend.service.ApiException;
import dev.orun.backend.service.CoordinationService;
import dev.orun.backend.service.EventService;
import dev.orun.backend.service.Ids;
import dev.orun.remote.protocol.ClaimRequest;
import dev.orun.remote.protocol.CompleteRequest;
import dev.orun.remote.protocol.FrontierResponse;
import dev.orun.remote.protocol.HeartbeatRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Dialect B (contract version 2): {@code …/jobs/{jobId}:claim|:heartbeat|:complete},
 * {@code /frontier} and the event log {@code /log?from=&wait=}. Bodies are flat.
 */
final class CoordinationRoutes {
  private static final String BASE = StateRoutes.BASE;

  private final Access access;
  private final CoordinationService coordination;
  private final EventService events;
  private final Limits limits;

  CoordinationRoutes(Access access, CoordinationService coordination, EventService events, Limits limits) {
    this.access = access;
    this.coordination = coordination;
    this.events = events;
    this.limits = limits;
  }

  void register(RoutesConfig r) {
    r.post(BASE + "/runs/{runId}/jobs/{jobVerb}", this::verb);
    r.post(BASE + "/runs/{runVerb}", this::runVerb);
    r.get(BASE + "/runs/{runId}/frontier", this::frontier);
    r.get(BASE + "/runs/{runId}/log", this::log);
  }

  private void verb(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    String jobVerb = ctx.pathParam("jobVerb");
    int colon = jobVerb.lastIndexOf(':');
    if (colon < 0) {
      throw ApiException.notFound("route");
    }
    String jobId = Ids.jobIdFromPath(jobVerb.substring(0, colon));
    switch (jobVerb.substring(colon + 1)) {
      case "claim" -> {
        ClaimRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), ClaimRequest.class);
        Http.flat(ctx, 200, coordination.claim(g.scope(), runId, jobId, req, g.caller()));
      }
      case "heartbeat" -> {
        HeartbeatRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), HeartbeatRequest.class);
        Http.flat(ctx, 200, coordination.heartbeat(g.scope(), runId, jobId, req.runnerId(), req.leaseEpoch(),
            g.caller()));
      }
      case "complete" -> {
        CompleteRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), CompleteRequest.class);
        Http.flat(ctx, 200, coordination.complete(g.scope(), runId, jobId, req, g.caller()));
      }
      default -> throw ApiException.notFound("verb " + jobVerb.substring(colon + 1));
    }
  }

  /** {@code POST …/runs/{runId}:cancel}. */
  private void runVerb(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runVerb = ctx.pathParam("runVerb");
    if (!runVerb.endsWith(":cancel")) {
      throw ApiException.notFound("route");
    }
    String runId = Ids.runIdFromPath(runVerb.substring(0, runVerb.length() - ":cancel".length()));
    Http.flat(ctx, 200, coordination.cancel(g.scope(), runId, g.caller()));
  }

  private void frontier(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    Http.flat(ctx, 200, new FrontierResponse(coordination.frontier(g.scope(), runId)));
  }

  private void log(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    long from = Http.longParam(ctx, "from", 0);
    long wait = Http.longParam(ctx, "wait", 0);
    // the service writes the page's JSON itself (from events serialised once per run, not per follower)
    ctx.status(200).contentType("application/json").result(events.read(g.scope(), runId, from, wait));
  }
}
