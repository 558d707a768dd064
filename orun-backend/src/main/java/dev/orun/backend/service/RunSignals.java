package dev.orun.backend.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wakes long-polls of a run's event log the moment this instance commits new events. A waiter
 * reads {@link #version} before it queries the database and waits only if the version has not
 * moved since, so a commit between the query and the wait is never missed. Another instance's
 * commits are seen by the waiters' periodic re-read instead.
 */
public final class RunSignals {
  private final Map<Long, Signal> signals = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** Called after a commit that appended events to the run. */
  public void changed(long runId) {
    Signal s = signals.get(runId);
    if (s != null) {
      synchronized (s) {
        s.version++;
        s.notifyAll();
      }
    }
  }

  public long version(long runId) {
    Signal s = signals.computeIfAbsent(runId, id -> new Signal());
    synchronized (s) {
      return s.version;
    }
  }

  /** Waits until the version moves past {@code seen} or the timeout passes. */
  public void await(long runId, long seen, long millis) {
    Signal s = signals.computeIfAbsent(runId, id -> new Signal());
    long deadline = System.nanoTime() + millis * 1_000_000L;
    synchronized (s) {
      try {
        while (s.version == seen && !closed) {
          long left = (deadline - System.nanoTime()) / 1_000_000L;
          if (left <= 0) {
            return;
          }
          s.wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Shutdown: every waiter returns now and no new wait blocks, so long-polls answer at once. */
  public void closeAll() {
    closed = true;
    for (Signal s : signals.values()) {
      synchronized (s) {
        s.notifyAll();
      }
    }
  }

  public boolean closed() {
    return closed;
  }

  private static final class Signal {
    long version;
  }
}
