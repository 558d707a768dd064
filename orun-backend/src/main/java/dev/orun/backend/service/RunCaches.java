package dev.orun.backend.service;

import dev.orun.backend.store.JobRow;
import dev.orun.backend.store.LockedRun;
import dev.orun.backend.store.RunRow;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Per run, its rows as this process's last group transaction on it committed them ({@link
 * RunWriter} on PostgreSQL, docs/decisions/backend-group-commit.md): the run row and its jobs. A
 * transaction whose jobs are all known is decided from them and checked under the locks in the
 * round trip that writes it. Nothing here is trusted: a row that changed since fails that check.
 *
 * <p>An entry is taken out while a transaction on its run runs (only that run's leader uses it)
 * and put back only after a commit, so a failed transaction leaves none. Bounded: at most
 * {@link #MAX_JOBS} job rows in all; the least recently used runs are forgotten first.
 */
final class RunCaches {
  /** A run with more jobs than this is never cached whole (its transactions read their rows as before). */
  static final int MAX_JOBS_PER_RUN = 5_000;
  static final int MAX_JOBS = 50_000;

  private final LinkedHashMap<String, Entry> runs = new LinkedHashMap<>(16, 0.75f, true);
  private int jobs;

  /** The run's rows, which the caller now owns until {@link #put}; null when none are kept. */
  synchronized Entry take(String run) {
    Entry e = runs.remove(run);
    if (e != null) {
      jobs -= e.size;
    }
    return e;
  }

  /** Keeps the run's rows (after a commit), forgetting the least recently used runs beyond the bound. */
  synchronized void put(String run, Entry e) {
    e.size = e.jobs.size();
    if (e.size > MAX_JOBS_PER_RUN) {
      return;
    }
    runs.put(run, e);
    jobs += e.size;
    Iterator<Entry> eldest = runs.values().iterator();
    while (jobs > MAX_JOBS && eldest.hasNext()) {
      Entry old = eldest.next();
      if (old != e) {
        eldest.remove();
        jobs -= old.size;
      }
    }
  }

  /** How many runs are kept (for tests). */
  synchronized int size() {
    return runs.size();
  }

  /** One run's rows. Not thread-safe: used only by whoever {@link #take took} it. */
  static final class Entry {
    /** The run row as this process committed it last. */
    RunRow run;
    /** False after a check of these rows failed: the next transaction reads under the locks first. */
    boolean current = true;
    final Map<String, JobRow> jobs = new HashMap<>();
    private int size;

    /** An entry holding every job of {@code locked} (null when it did not read them all). */
    static Entry of(LockedRun locked) {
      if (locked.all() == null) {
        return null;
      }
      Entry e = new Entry();
      e.run = locked.run();
      for (JobRow j : locked.all()) {
        e.jobs.put(j.jobId(), j);
      }
      return e;
    }

    /** True when the batch's jobs can be decided from here: the run row is current, every job known. */
    boolean covers(SortedSet<String> jobIds) {
      return current && jobs.keySet().containsAll(jobIds);
    }

    /**
     * Under the locks, before deciding: another writer (another instance, the sweeper, a log
     * append, a cancel) that committed since moved the run row and named the jobs it changed in
     * its events ({@link LockedRun#changedJobs}); they and their dependents (whose counts a success
     * lowers) are forgotten. False when the entry is to be dropped: the changes are not known, or
     * a check failed though the run row did not move.
     */
    boolean catchUp(LockedRun locked, Map<String, List<String>> dependents) {
      if (locked.run().equals(run)) {
        return current;
      }
      if (locked.changedJobs() == null) {
        return false;
      }
      for (String changed : locked.changedJobs()) {
        jobs.remove(changed);
        for (String dependent : dependents.getOrDefault(changed, List.of())) {
          jobs.remove(dependent);
        }
      }
      return true;
    }

    /** After the commit of {@code b}: the run and its named jobs as it left them, dependents' counts lowered. */
    void committed(RunBatch b) {
      run = b.run();
      current = true;
      jobs.putAll(b.rows());
      for (Map.Entry<String, Integer> w : b.waits().entrySet()) {
        JobRow dependent = jobs.get(w.getKey());
        if (dependent != null) {
          jobs.put(w.getKey(), dependent.withDepsLeft(dependent.depsLeft() - w.getValue()));
        }
      }
    }
  }
}
