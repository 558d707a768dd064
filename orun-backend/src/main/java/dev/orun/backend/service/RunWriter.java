package dev.orun.backend.service;

import dev.orun.backend.store.Database;
import dev.orun.backend.store.JobStore;
import dev.orun.backend.store.LockedRun;
import dev.orun.backend.store.PostgresRunWrites;
import dev.orun.backend.store.RunDependents;
import dev.orun.backend.store.RunRow;
import dev.orun.backend.store.RunStore;
import dev.orun.backend.store.Scope;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Group commit for the coordination verbs of one run (docs/decisions/backend-group-commit.md).
 * Every write to a run serialises on the run's row lock and must be durable before it is
 * answered, so one transaction per verb caps a run at one disk flush per verb. Instead, verbs on
 * the same run that arrive while a transaction is under way queue up, and the next transaction
 * decides all of them, in arrival order, under the same locks (run row first, then the jobs in id
 * order) and commits them with one flush. Each verb still sees the effects of the ones before it,
 * so the outcome is the one the same verbs would have had committed one by one.
 *
 * <p>No thread of its own: the first caller to find a run idle runs the transaction (the leader);
 * when it is done, the oldest waiting caller leads the next one. A caller waits parked and is woken
 * alone, when its answer is ready or it is to lead: waking every waiter of the run after each
 * transaction (notifyAll) sent most of them straight back to sleep, a context switch each.
 */
final class RunWriter {
  private static final int MAX_BATCH = 64;
  private static final RunStore RUNS = new RunStore();
  private static final JobStore JOBS = new JobStore();
  private static final PostgresRunWrites POSTGRES = new PostgresRunWrites();

  private final Database db;
  private final RunSignals signals;
  private final RunDependents dependents = new RunDependents();
  private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

  RunWriter(Database db, RunSignals signals) {
    this.db = db;
    this.signals = signals;
  }

  /** One verb: may throw {@link ApiException} before it changes anything in the batch. */
  @FunctionalInterface
  interface Step<T> {
    T apply(RunBatch batch) throws SQLException;
  }

  /** Runs {@code step} on job {@code jobId} of the run, grouped with concurrent steps on that run. */
  <T> T write(Scope scope, String runUlid, String jobId, Step<T> step) {
    String key = scope.org() + '\n' + scope.project() + '\n' + runUlid;
    Lane lane = lanes.computeIfAbsent(key, k -> new Lane(scope, runUlid));
    Pending<T> mine = new Pending<>(jobId, step, Thread.currentThread());
    boolean interrupted = false;
    synchronized (lane) {
      lane.queue.add(mine);
      if (!lane.busy) {
        lane.busy = true;
        mine.lead = true;
      }
    }
    while (!mine.done && !mine.lead) {
      LockSupport.park(lane);
      if (Thread.interrupted()) {
        interrupted = true; // the answer is on its way; a caller is never left without it
      }
    }
    if (!mine.done) {
      List<Pending<?>> batch = new ArrayList<>();
      synchronized (lane) {
        while (!lane.queue.isEmpty() && batch.size() < MAX_BATCH) {
          batch.add(lane.queue.poll());
        }
      }
      try {
        execute(lane, batch);
      } finally {
        Pending<?> next;
        synchronized (lane) {
          next = lane.queue.peek();
          if (next == null) {
            lane.busy = false;
            lanes.remove(key, lane);
          } else {
            next.lead = true;
          }
        }
        for (Pending<?> p : batch) {
          p.done = true; // volatile: the answer written before it is seen by its caller
          if (p != mine) {
            LockSupport.unpark(p.caller);
          }
        }
        if (next != null) {
          LockSupport.unpark(next.caller);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return mine.answer();
  }

  private void execute(Lane lane, List<Pending<?>> batch) {
    try {
      SortedSet<String> jobIds = new TreeSet<>();
      batch.forEach(p -> jobIds.add(p.jobId));
      long changedRun = db.inTransaction(c -> {
        LockedRun locked = lock(c, lane, jobIds);
        if (locked == null) {
          ApiException missing = ApiException.notFound("run " + lane.runUlid);
          batch.forEach(p -> p.fail(missing));
          return 0L;
        }
        RunRow run = locked.run();
        RunBatch b = new RunBatch(c, db.isPostgres(), dependents, lane.scope, EventLog.open(run), locked);
        for (Pending<?> p : batch) {
          p.run(b);
        }
        b.flush();
        return b.appended() ? run.id() : 0L;
      });
      if (changedRun > 0) {
        signals.changed(changedRun);
      }
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        batch.get(0).fail(e);
        return;
      }
      // One verb broke the shared transaction: run each alone, so only that one fails.
      for (Pending<?> p : batch) {
        p.reset();
        execute(lane, List.of(p));
      }
    }
  }

  /** The run row, then the named jobs, under their row locks (one round trip on PostgreSQL); null without the run. */
  private LockedRun lock(java.sql.Connection c, Lane lane, SortedSet<String> jobIds)
      throws SQLException {
    if (db.isPostgres()) {
      return POSTGRES.lock(c, lane.scope, lane.runUlid, jobIds);
    }
    RunRow run = RUNS.lock(c, lane.scope, lane.runUlid);
    return run == null ? null : new LockedRun(run, JOBS.lockAll(c, run.id(), jobIds));
  }

  private static final class Lane {
    final Scope scope;
    final String runUlid;
    final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    boolean busy;

    Lane(Scope scope, String runUlid) {
      this.scope = scope;
      this.runUlid = runUlid;
    }
  }

  private static final class Pending<T> {
    final String jobId;
    final Step<T> step;
    final Thread caller;
    volatile boolean lead;
    volatile boolean done;
    T result;
    RuntimeException error;

    Pending(String jobId, Step<T> step, Thread caller) {
      this.jobId = jobId;
      this.step = step;
      this.caller = caller;
    }

    void run(RunBatch b) throws SQLException {
      try {
        result = step.apply(b);
      } catch (ApiException e) {
        error = e;
      }
    }

    void fail(RuntimeException e) {
      result = null;
      error = e;
    }

    void reset() {
      result = null;
      error = null;
    }

    T answer() {
      if (error != null) {
        throw error;
      }
      return result;
    }
  }
}
