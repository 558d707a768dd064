package dev.orun.plan.changes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * From directly changed components to the plan selection: components whose {@code input: true}
 * dependencies changed are rebuilt too, and {@code include: always} dependencies of anything
 * selected come along. Plain dependents are never added.
 */
final class DependencyClosure {

    private DependencyClosure() {
    }

    /** Directly changed plus everything with an {@code input: true} path to them. */
    static SortedSet<String> withInputDependents(OwnershipModel model, Set<String> direct) {
        SortedSet<String> out = new TreeSet<>(direct);
        Deque<String> work = new ArrayDeque<>(direct);
        while (!work.isEmpty()) {
            String changed = work.pop();
            for (DependencyRule rule : model.dependencies()) {
                if (rule.input() && rule.target().equals(changed) && out.add(rule.component())) {
                    work.push(rule.component());
                }
            }
        }
        return out;
    }

    /** Adds the transitive {@code include: always} dependencies of the given components. */
    static SortedSet<String> withAlwaysDependencies(OwnershipModel model, Set<String> selected) {
        SortedSet<String> out = new TreeSet<>(selected);
        Deque<String> work = new ArrayDeque<>(selected);
        while (!work.isEmpty()) {
            String component = work.pop();
            for (DependencyRule rule : model.dependencies()) {
                if (rule.always() && rule.component().equals(component) && out.add(rule.target())) {
                    work.push(rule.target());
                }
            }
        }
        return out;
    }
}
