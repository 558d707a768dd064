package dev.orun.plan.internal.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds a dependency cycle among jobs and returns it as a path
 * ({@code a@dev.build → b@dev.build → a@dev.build}). Iterative depth-first search in sorted id
 * order, so deep chains cannot overflow the stack and the cycle reported is always the same one.
 */
final class CycleDetector {

    private CycleDetector() {
    }

    /** {@code edges}: job id → the ids it depends on, each list sorted. */
    static Optional<List<String>> findCycle(Map<String, List<String>> edges) {
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the stack, 2: done
        for (String start : new TreeSet<>(edges.keySet())) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Iterator<String>> pending = new ArrayDeque<>();
            path.push(start);
            pending.push(sorted(edges.get(start)));
            state.put(start, 1);
            while (!path.isEmpty()) {
                Iterator<String> next = pending.peek();
                if (!next.hasNext()) {
                    state.put(path.pop(), 2);
                    pending.pop();
                    continue;
                }
                String target = next.next();
                Integer seen = state.get(target);
                if (seen == null) {
                    state.put(target, 1);
                    path.push(target);
                    pending.push(sorted(edges.get(target)));
                } else if (seen == 1) {
                    return Optional.of(cycleFrom(path, target));
                }
            }
        }
        return Optional.empty();
    }

    private static Iterator<String> sorted(List<String> targets) {
        return targets == null ? java.util.Collections.emptyIterator() : targets.iterator();
    }

    private static List<String> cycleFrom(Deque<String> path, String target) {
        List<String> stack = new ArrayList<>(path);
        java.util.Collections.reverse(stack);
        List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(target), stack.size()));
        cycle.add(target);
        return cycle;
    }
}
