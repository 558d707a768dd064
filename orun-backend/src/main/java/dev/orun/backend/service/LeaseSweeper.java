package dev.orun.backend.service;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.ops.Metrics;
import dev.orun.backend.store.Database;
import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.Phase;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.remote.protocol.WireEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-queues jobs whose lease ran out (attempt + 1) and gives up on a job after
 * {@code maxAttempts} lapses ({@code timed_out}). Every decision re-reads the job under its row
 * lock, so several server instances may sweep the same database at once.
 */
public final class LeaseSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseSweeper.class);
  private static final Caller SYSTEM = new Caller("orun-backend", "system");

  private final Database db;
  private final RunStore runs = new RunStore();
  private final JobStore jobs = new JobStore();
  private final RunSignals signals;
  private final Metrics metrics;
  private final BackendConfig config;
  private final RestartGrace grace;

  public LeaseSweeper(Database db, RunSignals signals, Metrics metrics, BackendConfig config) {
    this.db = db;
    this.signals = signals;
    this.metrics = metrics;
    this.config = config;
    this.grace = new RestartGrace(config);
  }

  /** One pass; returns how many jobs it re-queued or timed out. */
  public int sweep() {
    long now = config.clock().millis();
    if (grace.active(now)) {
      return 0;
    }
    List<Object[]> expired = db.read(c -> jobs.expiredLeases(c, now, 500));
    int changed = 0;
    for (Object[] key : expired) {
      long runId = (Long) key[0];
      String jobId = (String) key[1];
      boolean did = db.inTransaction(c -> {
        RunRow run = runs.lockById(c, runId); // the run first, then the job: the order every write locks in
        JobRow job = jobs.lock(c, runId, jobId);
        if (job == null || job.phase() != Phase.CLAIMED || job.leaseExpiresAt() == null || job.leaseExpiresAt() > now) {
          return false; // renewed, completed or taken over since the scan
        }
        EventLog log = EventLog.open(run);
        Map<String, Object> payload = new HashMap<>();
        payload.put("runnerId", job.runnerId());
        payload.put("leaseEpoch", job.leaseEpoch());
        if (job.attempt() >= config.maxAttempts()) {
          payload.put("reason", "timed_out");
          payload.put("errorText", "runner heartbeat timeout");
          log.append(List.of(CoordinationService.event(WireEvent.JOB_FAILED, jobId, SYSTEM, now, payload)), 0, 1, now,
              SYSTEM);
          jobs.update(c, job.finished(Phase.TIMED_OUT, null, "runner heartbeat timeout", now));
        } else {
          log.append(List.of(CoordinationService.event(WireEvent.JOB_LEASE_EXPIRED, jobId, SYSTEM, now, payload)), 0,
              0, now, SYSTEM);
          jobs.update(c, job.requeued());
        }
        log.flush(c);
        return true;
      });
      if (did) {
        changed++;
        metrics.inc("orun_lease_expirations_total", "");
        signals.changed(runId);
      }
    }
    return changed;
  }

  /** The scheduled form: failures are logged, never thrown, so the next pass still runs. */
  public void sweepQuietly() {
    try {
      int n = sweep();
      if (n > 0) {
        LOG.info("lease sweep re-queued or timed out {} job(s)", n);
      }
    } catch (RuntimeException e) {
      LOG.warn("lease sweep failed: {}", e.getMessage());
    }
  }
}
