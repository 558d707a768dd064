package dev.orun.backend.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who waits on whom in each run: a job's dependents, by job. A run's jobs and their dependencies
 * are written once, in the transaction that creates the run, and never change (no statement
 * updates or deletes {@code run_job_deps}, run ids are never reused), so this process reads a
 * run's dependency edges once, at the first success in it, instead of in every group transaction
 * (docs/decisions/backend-throughput.md). Another instance on the same database reads the same
 * rows, so the counts it keeps agree. Bounded: the least recently used runs are forgotten beyond
 * {@link #MAX_EDGES} edges (re-read when needed).
 */
public final class RunDependents {
  static final int MAX_EDGES = 500_000;

  private final LinkedHashMap<Long, Map<String, List<String>>> runs = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Long, Integer> sizes = new HashMap<>();
  private int edges;

  /**
   * For each dependent of a job in {@code succeeded}: how many of its dependencies are among them
   * (what its count of unfinished dependencies drops by), sorted by job id, the order rows are
   * locked in.
   */
  public Map<String, Integer> waitsAfter(Connection c, long runId, Collection<String> succeeded) throws SQLException {
    Map<String, Integer> waits = new TreeMap<>();
    if (succeeded.isEmpty()) {
      return waits;
    }
    Map<String, List<String>> dependents = of(c, runId);
    for (String done : succeeded) {
      for (String dependent : dependents.getOrDefault(done, List.of())) {
        waits.merge(dependent, 1, Integer::sum);
      }
    }
    return waits;
  }

  /** The run's dependents by job, read once per run (the read happens outside the cache's lock). */
  Map<String, List<String>> of(Connection c, long runId) throws SQLException {
    synchronized (this) {
      Map<String, List<String>> known = runs.get(runId);
      if (known != null) {
        return known;
      }
    }
    Map<String, List<String>> read = new HashMap<>();
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT dep_id, job_id FROM run_job_deps WHERE run_id = ?")) {
      ps.setLong(1, runId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(rs.getString(2));
          n++;
        }
      }
    }
    remember(runId, read, n);
    return read;
  }

  private synchronized void remember(long runId, Map<String, List<String>> dependents, int n) {
    if (runs.put(runId, dependents) == null) {
      edges += n;
      sizes.put(runId, n);
    }
    Iterator<Map.Entry<Long, Map<String, List<String>>>> eldest = runs.entrySet().iterator();
    while (edges > MAX_EDGES && runs.size() > 1 && eldest.hasNext()) {
      Long id = eldest.next().getKey();
      if (id != runId) {
        eldest.remove();
        edges -= sizes.remove(id);
      }
    }
  }

  /** How many runs are remembered (for tests). */
  synchronized int size() {
    return runs.size();
  }
}
