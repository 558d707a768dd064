package dev.orun.exec.internal;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan's jobs as a DAG: a deterministic topological order (Kahn's algorithm, ties broken by job
 * id) and the reverse edges. Unknown dependencies and cycles are refused before anything runs.
 */
public final class JobGraph {

    private final Map<String, Job> jobs;
    private final List<String> order;
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, List<String>> dependents = new HashMap<>();

    public JobGraph(Plan plan) {
        this.jobs = new LinkedHashMap<>();
        plan.jobs().forEach(job -> jobs.put(job.id(), job));
        for (Job job : jobs.values()) {
            for (String dep : job.dependsOn()) {
                if (!jobs.containsKey(dep)) {
                    throw new InvalidInputException("plan: job " + job.id()
                            + " depends on unknown job " + dep);
                }
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(job.id());
            }
        }
        this.order = topologicalOrder();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
    }

    private List<String> topologicalOrder() {
        Map<String, Integer> missing = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>();
        for (Job job : jobs.values()) {
            missing.put(job.id(), job.dependsOn().size());
            if (job.dependsOn().isEmpty()) {
                ready.add(job.id());
            }
        }
        List<String> result = new ArrayList<>(jobs.size());
        while (!ready.isEmpty()) {
            String id = ready.poll();
            result.add(id);
            for (String next : dependents.getOrDefault(id, List.of())) {
                if (missing.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        if (result.size() != jobs.size()) {
            Set<String> left = new TreeSet<>(jobs.keySet());
            result.forEach(left::remove);
            throw new InvalidInputException("plan: dependency cycle among jobs " + String.join(", ", left));
        }
        return result;
    }

    public Job job(String id) {
        return jobs.get(id);
    }

    public boolean contains(String id) {
        return jobs.containsKey(id);
    }

    /** Every job id in execution order. */
    public List<String> order() {
        return order;
    }

    public int rank(String id) {
        return rank.get(id);
    }

    public List<String> dependents(String id) {
        return dependents.getOrDefault(id, List.of());
    }

    /** The given jobs in execution order. */
    public List<String> ordered(Collection<String> ids) {
        List<String> result = new ArrayList<>(ids);
        result.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return result;
    }

    /** The jobs {@code ids} depend on, directly or not, excluding {@code ids} themselves. */
    public Set<String> transitiveDependencies(Collection<String> ids) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> stack = new ArrayList<>(ids);
        while (!stack.isEmpty()) {
            for (String dep : jobs.get(stack.remove(stack.size() - 1)).dependsOn()) {
                if (seen.add(dep)) {
                    stack.add(dep);
                }
            }
        }
        seen.removeAll(ids);
        return seen;
    }

    /** The jobs that depend on {@code id}, directly or not. */
    public Set<String> transitiveDependents(String id) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> stack = new ArrayList<>(List.of(id));
        while (!stack.isEmpty()) {
            for (String next : dependents(stack.remove(stack.size() - 1))) {
                if (seen.add(next)) {
                    stack.add(next);
                }
            }
        }
        return seen;
    }
}
