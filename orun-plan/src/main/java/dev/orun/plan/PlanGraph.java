package dev.orun.plan;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Read-only views of a plan's DAG. */
public final class PlanGraph {

    private PlanGraph() {
    }

    /**
     * Jobs in dependency layers: layer 0 has no dependencies, layer n depends only on earlier
     * layers (at least one job of layer n-1). Jobs inside a layer are sorted by id. Dependencies on
     * jobs not in the plan are ignored. The plan must be acyclic (compiled plans always are).
     */
    public static List<List<Job>> layers(Plan plan) {
        Map<String, Job> byId = plan.jobsById();
        Map<String, Integer> depth = new HashMap<>();
        List<List<Job>> layers = new ArrayList<>();
        for (Job job : plan.jobs()) {
            int d = depthOf(job, byId, depth);
            while (layers.size() <= d) {
                layers.add(new ArrayList<>());
            }
            layers.get(d).add(job);
        }
        return layers;
    }

    private static int depthOf(Job start, Map<String, Job> byId, Map<String, Integer> depth) {
        Integer known = depth.get(start.id());
        if (known != null) {
            return known;
        }
        // Iterative post-order walk: deep chains must not overflow the stack.
        java.util.Deque<Job> stack = new java.util.ArrayDeque<>();
        stack.push(start);
        while (!stack.isEmpty()) {
            Job job = stack.peek();
            if (depth.containsKey(job.id())) {
                stack.pop();
                continue;
            }
            int max = -1;
            boolean ready = true;
            for (String dep : job.dependsOn()) {
                Job target = byId.get(dep);
                if (target == null) {
                    continue;
                }
                Integer d = depth.get(dep);
                if (d == null) {
                    ready = false;
                    stack.push(target);
                } else {
                    max = Math.max(max, d);
                }
            }
            if (ready) {
                depth.put(job.id(), max + 1);
                stack.pop();
            }
        }
        return depth.get(start.id());
    }
}
