package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.ops.Metrics;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.NewEvent;
import dev.orun.backend.store.ObjectStore;
import dev.orun.backend.store.Phase;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import dev.orun.remote.protocol.ClaimRequest;
import dev.orun.remote.protocol.ClaimResponse;
import dev.orun.remote.protocol.CompleteRequest;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.SeqResponse;
import dev.orun.remote.protocol.WireEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dialect-B verbs: claim, heartbeat, complete. Each decision is made inside a transaction that
 * holds the run's and the job's row locks ({@code SELECT … FOR UPDATE}), so two claimants of one
 * job — on one instance or on two sharing a database — are serialised and exactly one wins each
 * epoch. Concurrent verbs on one run share a transaction and its commit ({@link RunWriter}).
 */
public final class CoordinationService {
  private final Database db;
  private final RunStore runs;
  private final JobStore jobs;
  private final ObjectStore objects;
  private final RunWriter writer;
  private final RunSignals signals;
  private final Metrics metrics;
  private final BackendConfig config;
  private final RestartGrace grace;

  public CoordinationService(Database db, RunSignals signals, Metrics metrics, BackendConfig config) {
    this.db = db;
    this.runs = new RunStore();
    this.jobs = new JobStore();
    this.objects = new ObjectStore();
    this.writer = new RunWriter(db, signals);
    this.signals = signals;
    this.metrics = metrics;
    this.config = config;
    this.grace = new RestartGrace(config);
  }

  public ClaimResponse claim(Scope scope, String runId, String jobId, ClaimRequest req, Caller caller) {
    String runner = Ids.runnerId(req.runnerId());
    Decision d = writer.write(scope, runId, jobId, b -> decideClaim(b, jobId, req, runner, caller));
    metrics.inc("orun_claims_total", "result=\"" + (d.response.claimed() ? "won" : String.valueOf(
        d.response.reason() == null ? "cached" : d.response.reason())) + "\"");
    if (ClaimResponse.JOB_HELD.equals(d.response.reason())) {
      metrics.inc("orun_claim_conflicts_total", "");
    }
    if (d.takeover) {
      metrics.inc("orun_lease_takeovers_total", "");
    }
    return d.response;
  }

  private Decision decideClaim(RunBatch b, String jobId, ClaimRequest req, String runner, Caller caller)
      throws SQLException {
    JobRow job = b.job(jobId);
    if (job == null) {
      return new Decision(ClaimResponse.lost(ClaimResponse.NOT_FOUND), false);
    }
    long now = config.clock().millis();
    List<NewEvent> batch = new ArrayList<>();
    int failedDelta = 0;
    if (Boolean.TRUE.equals(req.retry()) && job.phase().failure()) {
      job = job.requeued();
      batch.add(event(WireEvent.JOB_RETRIED, jobId, caller, now, Map.of("attempt", job.attempt())));
      failedDelta = -1;
    }
    if (job.phase().terminal()) {
      return new Decision(ClaimResponse.lost(ClaimResponse.RUN_TERMINAL), false);
    }
    if (!b.dependenciesSucceeded(job)) {
      return settle(b, job, batch, 0, failedDelta, now, caller, ClaimResponse.lost(ClaimResponse.DEPS_NOT_READY), false);
    }
    boolean takeover = false;
    if (job.phase() == Phase.CLAIMED) {
      if (job.leaseLive(now) || grace.active(now)) {
        if (runner.equals(job.runnerId())) {
          // The holder asking again (a retried request) gets its own live lease back, unchanged.
          return new Decision(won(job, b.run().lastSeq()), false);
        }
        return new Decision(ClaimResponse.lost(ClaimResponse.JOB_HELD), false);
      }
      Map<String, Object> expired = new HashMap<>();
      expired.put("runnerId", job.runnerId());
      expired.put("leaseEpoch", job.leaseEpoch());
      batch.add(event(WireEvent.JOB_LEASE_EXPIRED, jobId, caller, now, expired));
      job = job.requeued();
      takeover = true;
    }
    if (Boolean.TRUE.equals(req.hermetic()) && req.jobInputHash() != null) {
      String memo = objects.memo(b.connection(), b.scope(), req.jobInputHash());
      if (memo != null) {
        batch.add(event(WireEvent.JOB_MEMOIZED, jobId, caller, now, Map.of("resultDigest", memo)));
        JobRow done = job.finished(Phase.MEMOIZED, memo, null, now);
        return settle(b, done, batch, 1, failedDelta, now, caller, ClaimResponse.cached(memo), takeover);
      }
    }
    long expires = now + config.leaseSeconds() * 1000L;
    JobRow claimed = job.claimed(runner, job.attempt(), expires, now);
    Map<String, Object> payload = new HashMap<>();
    payload.put("runnerId", runner);
    payload.put("leaseEpoch", claimed.leaseEpoch());
    payload.put("leaseExpiresAt", Instant.ofEpochMilli(expires).toString());
    payload.put("attempt", claimed.attempt());
    batch.add(event(WireEvent.JOB_CLAIMED, jobId, caller, now, payload));
    long seq = b.log().append(batch, 0, failedDelta, now, caller);
    b.put(claimed);
    return new Decision(won(claimed, seq), takeover);
  }

  public HeartbeatResponse heartbeat(Scope scope, String runId, String jobId, String runnerId, long epoch,
      Caller caller) {
    String runner = Ids.runnerId(runnerId);
    return writer.write(scope, runId, jobId, b -> {
      JobRow job = requireJob(b, jobId);
      if (job.phase() != Phase.CLAIMED || !runner.equals(job.runnerId()) || job.leaseEpoch() != epoch) {
        throw ApiException.leaseLost();
      }
      long now = config.clock().millis();
      long expires = now + config.leaseSeconds() * 1000L;
      Map<String, Object> payload = new HashMap<>();
      payload.put("runnerId", runner);
      payload.put("leaseEpoch", epoch);
      payload.put("leaseExpiresAt", Instant.ofEpochMilli(expires).toString());
      b.log().append(List.of(event(WireEvent.JOB_LEASE_RENEWED, jobId, caller, now, payload)), 0, 0, now, caller);
      b.put(job.renewed(expires));
      return new HeartbeatResponse(Instant.ofEpochMilli(expires), config.leaseSeconds(),
          config.heartbeatIntervalSeconds());
    });
  }

  public SeqResponse complete(Scope scope, String runId, String jobId, CompleteRequest req, Caller caller) {
    String runner = Ids.runnerId(req.runnerId());
    String outcome = req.outcome();
    if (!CompleteRequest.SUCCEEDED.equals(outcome) && !CompleteRequest.FAILED.equals(outcome)) {
      throw ApiException.invalid("outcome", "must be succeeded or failed");
    }
    if (req.resultDigest() != null && !Ids.isDigest(req.resultDigest())) {
      throw ApiException.invalid("resultDigest", "must be sha256:<64 lowercase hex>");
    }
    return writer.write(scope, runId, jobId, b -> {
      JobRow job = requireJob(b, jobId);
      if (job.phase().terminal()) {
        return new SeqResponse(b.run().lastSeq()); // completing a finished job again changes nothing
      }
      if (job.phase() != Phase.CLAIMED || !runner.equals(job.runnerId()) || job.leaseEpoch() != req.leaseEpoch()) {
        throw ApiException.leaseLost();
      }
      long now = config.clock().millis();
      Map<String, Object> payload = new HashMap<>();
      payload.put("runnerId", runner);
      payload.put("leaseEpoch", req.leaseEpoch());
      long seq;
      if (CompleteRequest.SUCCEEDED.equals(outcome)) {
        payload.put("resultDigest", req.resultDigest());
        if (req.resultDigest() != null && req.jobInputHash() != null && Ids.isDigest(req.jobInputHash())) {
          objects.putMemo(b.connection(), b.scope(), req.jobInputHash(), req.resultDigest());
        }
        seq = b.log().append(List.of(event(WireEvent.JOB_SUCCEEDED, jobId, caller, now, payload)), 1, 0, now, caller);
        b.put(job.finished(Phase.SUCCEEDED, req.resultDigest(), null, now));
      } else {
        String error = truncate(req.errorText());
        payload.put("reason", "step_failed");
        payload.put("errorText", error);
        seq = b.log().append(List.of(event(WireEvent.JOB_FAILED, jobId, caller, now, payload)), 0, 1, now, caller);
        b.put(job.finished(Phase.FAILED, null, error, now));
      }
      return new SeqResponse(seq);
    });
  }

  /**
   * {@code POST …/runs/{runId}:cancel}: every job not yet terminal becomes canceled, and the run
   * too. The run row is locked first, then the jobs in id order, the order every write uses.
   */
  public SeqResponse cancel(Scope scope, String runId, Caller caller) {
    long[] runKey = new long[1];
    SeqResponse r = db.inTransaction(c -> {
      RunRow run = runs.lock(c, scope, runId);
      if (run == null) {
        throw ApiException.notFound("run " + runId);
      }
      if (run.status().equals("canceled")) {
        return new SeqResponse(run.lastSeq());
      }
      long now = config.clock().millis();
      List<JobRow> open = new ArrayList<>();
      for (JobRow j : jobs.list(c, run.id())) {
        if (!j.phase().terminal()) {
          JobRow locked = jobs.lock(c, run.id(), j.jobId());
          if (!locked.phase().terminal()) {
            open.add(locked);
          }
        }
      }
      Map<String, Object> payload = new HashMap<>();
      payload.put("reason", null);
      EventLog log = EventLog.open(run);
      long seq = log.append(List.of(event(WireEvent.RUN_CANCELED, null, caller, now, payload)), 0, 0, now, caller);
      List<JobRow> canceled = new ArrayList<>();
      for (JobRow j : open) {
        canceled.add(j.finished(Phase.CANCELED, null, "canceled", now));
      }
      jobs.updateAll(c, canceled);
      log.setStatus("canceled", log.run().startedAt(), now);
      log.flush(c);
      runKey[0] = run.id();
      return new SeqResponse(seq);
    });
    if (runKey[0] > 0) {
      signals.changed(runKey[0]);
    }
    return r;
  }

  /**
   * Ids of queued jobs whose dependencies all succeeded, sorted. A non-empty frontier costs one
   * statement; only an empty one asks whether the run exists in {@code scope} (404 if not).
   */
  public List<String> frontier(Scope scope, String runId) {
    return db.read(c -> {
      List<String> frontier = jobs.frontier(c, scope, runId);
      if (frontier.isEmpty() && runs.find(c, scope, runId) == null) {
        throw ApiException.notFound("run " + runId);
      }
      return frontier;
    });
  }

  private static Decision settle(RunBatch b, JobRow job, List<NewEvent> batch, int succeededDelta, int failedDelta,
      long now, Caller caller, ClaimResponse response, boolean takeover) {
    if (!batch.isEmpty()) {
      b.log().append(batch, succeededDelta, failedDelta, now, caller);
      b.put(job);
    }
    return new Decision(response, takeover);
  }

  private ClaimResponse won(JobRow job, long seq) {
    return ClaimResponse.won(job.leaseEpoch(), Instant.ofEpochMilli(job.leaseExpiresAt()), seq, job.attempt(),
        config.leaseSeconds(), config.heartbeatIntervalSeconds());
  }

  private static JobRow requireJob(RunBatch b, String jobId) {
    JobRow job = b.job(jobId);
    if (job == null) {
      throw ApiException.notFound("job " + jobId);
    }
    return job;
  }

  static NewEvent event(String kind, String jobId, Caller caller, long now, Map<String, Object> payload) {
    return new NewEvent(kind, jobId, caller.id(), caller.type(), now, payload);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 65_536 ? s : s.substring(0, 65_536);
  }

  private record Decision(ClaimResponse response, boolean takeover) {}
}
