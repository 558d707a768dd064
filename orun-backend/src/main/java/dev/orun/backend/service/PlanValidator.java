package dev.orun.backend.service;

import dev.orun.backend.config.Limits;
import dev.orun.remote.protocol.CreateRunRequest;
import dev.orun.remote.protocol.JobSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a create-run request before anything is written; every refusal is a 422 naming the field. */
final class PlanValidator {
  private PlanValidator() {}

  static void validate(CreateRunRequest req, Limits limits) {
    if (!Ids.isRunId(req.runId())) {
      throw ApiException.invalid("runId", "must be a 26-character Crockford ULID");
    }
    if (!Ids.isDigest(req.planDigest())) {
      throw ApiException.invalid("planDigest", "must be sha256:<64 lowercase hex>");
    }
    if (req.source() != null && !req.source().equals("cli") && !req.source().equals("ci")) {
      throw ApiException.invalid("source", "must be cli or ci");
    }
    if (req.environment() != null && req.environment().length() > 256) {
      throw ApiException.invalid("environment", "at most 256 characters");
    }
    List<JobSpec> jobs = req.jobs();
    if (jobs == null || jobs.isEmpty()) {
      throw ApiException.invalid("jobs", "at least one job is required");
    }
    if (jobs.size() > limits.maxJobsPerRun()) {
      throw ApiException.invalid("jobs", "at most " + limits.maxJobsPerRun() + " jobs per run");
    }
    Map<String, List<String>> graph = new HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      JobSpec j = jobs.get(i);
      if (j == null || !Ids.isJobId(j.jobId())) {
        throw ApiException.invalid("jobs[" + i + "].jobId", "letters, digits and @ . _ + - only, 1..256, no '..'");
      }
      if (j.component() != null && j.component().length() > 256) {
        throw ApiException.invalid("jobs[" + i + "].component", "at most 256 characters");
      }
      if (graph.put(j.jobId(), j.deps()) != null) {
        throw ApiException.invalid("jobs[" + i + "].jobId", "duplicate job id " + j.jobId());
      }
    }
    for (int i = 0; i < jobs.size(); i++) {
      for (String dep : jobs.get(i).deps()) {
        if (!graph.containsKey(dep)) {
          throw ApiException.invalid("jobs[" + i + "].deps", "unknown dependency " + dep);
        }
      }
    }
    List<String> cycle = findCycle(graph);
    if (cycle != null) {
      throw ApiException.invalid("jobs", "dependency cycle " + String.join(" → ", cycle));
    }
  }

  /** A cycle as a closed path (a → b → a), or null. Iterative, so deep chains cannot overflow. */
  private static List<String> findCycle(Map<String, List<String>> graph) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
    for (String start : new java.util.TreeSet<>(graph.keySet())) {
      if (state.containsKey(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      List<Integer> next = new ArrayList<>();
      path.add(start);
      next.add(0);
      state.put(start, 1);
      while (!path.isEmpty()) {
        int top = path.size() - 1;
        String node = path.get(top);
        List<String> deps = graph.get(node);
        int i = next.get(top);
        if (i < deps.size()) {
          next.set(top, i + 1);
          String dep = deps.get(i);
          Integer s = state.get(dep);
          if (s == null) {
            state.put(dep, 1);
            path.add(dep);
            next.add(0);
          } else if (s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(dep), path.size()));
            cycle.add(dep);
            return cycle;
          }
        } else {
          state.put(node, 2);
          path.remove(top);
          next.remove(top);
        }
      }
    }
    return null;
  }

  static Set<String> ids(List<JobSpec> jobs) {
    Set<String> out = new HashSet<>();
    jobs.forEach(j -> out.add(j.jobId()));
    return out;
  }
}
