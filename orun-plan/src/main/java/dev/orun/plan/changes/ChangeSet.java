package dev.orun.plan.changes;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of change detection.
 *
 * @param components     the selection: directly changed components plus the {@code input: true}
 *                       dependents and {@code include: always} dependencies; never plain dependents
 * @param changedFiles   changed files relative to the workspace root, sorted
 * @param explanation    how it was decided, one line each (the CLI prints them for --explain)
 */
public record ChangeSet(SortedSet<String> components, List<String> changedFiles,
                        List<String> explanation) {

    public ChangeSet {
        components = new TreeSet<>(components);
        changedFiles = List.copyOf(changedFiles);
        explanation = List.copyOf(explanation);
    }

    public boolean isEmpty() {
        return components.isEmpty();
    }
}
