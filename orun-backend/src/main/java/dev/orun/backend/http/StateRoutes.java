package dev.orun.backend.http;

import dev.orun.backend.config.Limits;
import dev.orun.backend.service.CoordinationService;
import dev.orun.backend.service.Ids;
import dev.orun.backend.service.LogService;
import dev.orun.backend.service.RunService;
import dev.orun.remote.protocol.AppendLogRequest;
import dev.orun.remote.protocol.CreateRunRequest;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunEnvelope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Dialect A (REST, contract version 1): runs, their jobs, and job logs. Bodies are wrapped. */
final class StateRoutes {
  static final String BASE = "/v1/organizations/{org}/projects/{project}/state";

  private final Access access;
  private final RunService runs;
  private final LogService logs;
  private final CoordinationService coordination;
  private final Limits limits;

  StateRoutes(Access access, RunService runs, LogService logs, CoordinationService coordination, Limits limits) {
    this.access = access;
    this.runs = runs;
    this.logs = logs;
    this.coordination = coordination;
    this.limits = limits;
  }

  void register(RoutesConfig r) {
    r.post(BASE + "/runs", this::create);
    r.get(BASE + "/runs", this::list);
    r.get(BASE + "/runs/{runId}", this::get);
    r.get(BASE + "/runs/{runId}/jobs", this::jobs);
    r.get(BASE + "/runs/{runId}/runnable", this::runnable);
    r.post(BASE + "/runs/{runId}/logs/{jobId}", this::appendLog);
    r.get(BASE + "/runs/{runId}/logs/{jobId}", this::readLog);
  }

  private void create(Context ctx) {
    Access.Granted g = access.state(ctx);
    CreateRunRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), CreateRunRequest.class);
    RunService.Created created = runs.create(g.scope(), req, g.caller());
    Http.wrapped(ctx, created.created() ? 201 : 200, new RunEnvelope(created.run()));
  }

  private void list(Context ctx) {
    Access.Granted g = access.state(ctx);
    Http.wrapped(ctx, 200, runs.list(g.scope(), ctx.queryParam("environment"), ctx.queryParam("status"),
        ctx.queryParam("cursor")));
  }

  private void get(Context ctx) {
    Access.Granted g = access.state(ctx);
    Http.wrapped(ctx, 200, new RunEnvelope(runs.get(g.scope(), Ids.runIdFromPath(ctx.pathParam("runId")), false)));
  }

  private void jobs(Context ctx) {
    Access.Granted g = access.state(ctx);
    Http.wrapped(ctx, 200, new JobList(runs.jobs(g.scope(), Ids.runIdFromPath(ctx.pathParam("runId")))));
  }

  /** The legacy REST frontier: queued jobs whose dependencies succeeded, as full job rows. */
  private void runnable(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    java.util.Set<String> ready = new java.util.HashSet<>(coordination.frontier(g.scope(), runId));
    Http.wrapped(ctx, 200, new JobList(runs.jobs(g.scope(), runId).stream()
        .filter(j -> ready.contains(j.jobId())).toList()));
  }

  private void appendLog(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    String jobId = Ids.jobIdFromPath(ctx.pathParam("jobId"));
    AppendLogRequest req = Http.json(ctx, limits.maxJsonBodyBytes(), AppendLogRequest.class);
    Http.wrapped(ctx, 200, logs.append(g.scope(), runId, jobId, req.runnerId(), req.content(), g.caller()));
  }

  private void readLog(Context ctx) {
    Access.Granted g = access.state(ctx);
    String runId = Ids.runIdFromPath(ctx.pathParam("runId"));
    String jobId = Ids.jobIdFromPath(ctx.pathParam("jobId"));
    Http.wrapped(ctx, 200, logs.read(g.scope(), runId, jobId, Http.longParam(ctx, "fromSeq", 0)));
  }
}
