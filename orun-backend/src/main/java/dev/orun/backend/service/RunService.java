package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.PlannerStatistics;
import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.NewEvent;
import dev.orun.backend.store.ObjectStore;
import dev.orun.backend.store.Phase;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import dev.orun.backend.store.StoreException;
import dev.orun.remote.protocol.Actor;
import dev.orun.remote.protocol.CreateRunRequest;
import dev.orun.remote.protocol.ErrorCodes;
import dev.orun.remote.protocol.GitInfo;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.RunList;
import dev.orun.remote.protocol.RunView;
import dev.orun.remote.protocol.WireEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dialect A run endpoints: idempotent create, reads of runs and their jobs. */
public final class RunService {
  private final Database db;
  private final RunStore runs = new RunStore();
  private final JobStore jobs = new JobStore();
  private final ObjectStore objects = new ObjectStore();
  private final RunSignals signals;
  private final PlannerStatistics statistics = new PlannerStatistics();
  private final BackendConfig config;

  public RunService(Database db, RunSignals signals, BackendConfig config) {
    this.db = db;
    this.signals = signals;
    this.config = config;
  }

  /** A created or replayed run; {@code created} is false for a replay (HTTP 200 instead of 201). */
  public record Created(RunView run, boolean created) {}

  public Created create(Scope scope, CreateRunRequest req, Caller caller) {
    PlanValidator.validate(req, config.limits());
    RunView existing = get(scope, req.runId(), true);
    if (existing != null) {
      return new Created(existing, false); // replay: whatever its planDigest (clients re-stamp plan blobs)
    }
    if (!db.read(c -> objects.exists(c, scope, req.planDigest()))) {
      throw new ApiException(412, ErrorCodes.OBJECT_MISSING, "plan object " + req.planDigest()
          + " has not been uploaded", Map.of("digest", req.planDigest()));
    }
    try {
      long id = db.inTransaction(c -> insert(c, scope, req, caller));
      signals.changed(id);
      statistics.afterRunCreated(db);
      return new Created(get(scope, req.runId(), false), true);
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && StoreException.isDuplicateKey(sql)) {
        return new Created(get(scope, req.runId(), false), false); // a concurrent create won
      }
      throw e;
    }
  }

  private long insert(Connection c, Scope scope, CreateRunRequest req, Caller caller) throws SQLException {
    long now = config.clock().millis();
    GitInfo git = req.git();
    RunRow row = new RunRow(0, scope, req.runId(), req.planDigest(), req.source() == null ? "cli" : req.source(),
        req.environment(), git == null ? null : git.commit(), git == null ? null : git.ref(),
        git != null && git.dirty(), caller.id(), caller.type(), "pending", 0, req.jobs().size(), 0, 0, now, null, null);
    long id = runs.insert(c, row);
    List<JobRow> rows = new ArrayList<>();
    req.jobs().forEach(j -> rows.add(new JobRow(id, j.jobId(), j.component(), j.deps(), Phase.QUEUED, null, 0, null,
        1, null, null, null, null, 0, new java.util.TreeSet<>(j.deps()).size())));
    jobs.insertAll(c, id, rows);
    Map<String, Object> payload = new HashMap<>();
    payload.put("planDigest", req.planDigest());
    payload.put("sourceHash", git != null && git.commit() != null ? git.commit() : req.planDigest());
    payload.put("environment", req.environment());
    EventLog log = EventLog.open(runs.lockById(c, id));
    log.append(List.of(new NewEvent(WireEvent.RUN_CREATED, null, caller.id(), caller.type(), now, payload)), 0, 0,
        now, caller);
    log.flush(c);
    return id;
  }

  /** The run, or 404 ({@code orNull} gives null instead). */
  public RunView get(Scope scope, String runId, boolean orNull) {
    RunView view = db.read(c -> {
      RunRow run = runs.find(c, scope, runId);
      return run == null ? null : view(run, runs.phaseCounts(c, run.id()));
    });
    if (view == null && !orNull) {
      throw ApiException.notFound("run " + runId);
    }
    return view;
  }

  public RunList list(Scope scope, String environment, String status, String cursor) {
    long[] before = parseCursor(cursor);
    int limit = 50;
    return db.read(c -> {
      List<RunRow> rows = runs.list(c, scope, environment, status, before, limit + 1);
      List<RunView> out = new ArrayList<>();
      for (RunRow r : rows.subList(0, Math.min(limit, rows.size()))) {
        out.add(view(r, runs.phaseCounts(c, r.id())));
      }
      RunList.Cursor next = null;
      if (rows.size() > limit) {
        RunRow last = rows.get(limit - 1);
        next = new RunList.Cursor(Instant.ofEpochMilli(last.createdAt()), last.createdAt() + "_" + last.id());
      }
      return new RunList(out, next);
    });
  }

  public List<RunJobView> jobs(Scope scope, String runId) {
    return db.read(c -> {
      RunRow run = runs.find(c, scope, runId);
      if (run == null) {
        throw ApiException.notFound("run " + runId);
      }
      List<RunJobView> out = new ArrayList<>();
      for (JobRow j : jobs.list(c, run.id())) {
        out.add(jobView(run, j));
      }
      return out;
    });
  }

  static RunJobView jobView(RunRow run, JobRow j) {
    String status = j.phase() == Phase.MEMOIZED ? "succeeded" : j.phase().wire();
    return new RunJobView(run.runUlid(), j.jobId(), run.scope().org(), run.scope().project(), j.component(), j.deps(),
        status, j.runnerId(), j.phase() == Phase.QUEUED && j.leaseEpoch() == 0 ? null : j.leaseEpoch(),
        instant(j.leaseExpiresAt()), j.attempt(), j.errorText(), instant(j.startedAt()), instant(j.finishedAt()));
  }

  private static RunView view(RunRow r, Map<Phase, Integer> counts) {
    int queued = counts.getOrDefault(Phase.QUEUED, 0);
    int running = counts.getOrDefault(Phase.CLAIMED, 0);
    int succeeded = counts.getOrDefault(Phase.SUCCEEDED, 0) + counts.getOrDefault(Phase.MEMOIZED, 0);
    int failed = counts.getOrDefault(Phase.FAILED, 0) + counts.getOrDefault(Phase.TIMED_OUT, 0);
    return new RunView(r.runUlid(), r.scope().org(), r.scope().project(), r.environment(), r.status(), r.planDigest(),
        r.source(), new GitInfo(r.gitCommit(), r.gitRef(), r.gitDirty()), new Actor(r.createdById(),
        r.createdByKind(), null), Instant.ofEpochMilli(r.createdAt()), instant(r.startedAt()), instant(r.finishedAt()),
        new RunView.JobCounts(queued, running, succeeded, failed));
  }

  private static long[] parseCursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    String tail = cursor.contains("|") ? cursor.substring(cursor.indexOf('|') + 1) : cursor;
    String[] parts = tail.split("_");
    try {
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (RuntimeException e) {
      throw ApiException.badRequest("invalid cursor");
    }
  }

  static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
