package dev.orun.plan.internal.load;

import dev.orun.plan.PlanWarning;
import dev.orun.plan.internal.yaml.YNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Collects the warnings of one load-and-compile. Safe to use from the compiler's parallel stages;
 * the same warning reported twice (a document read twice, a job bound per environment) is kept
 * once, and {@link #list()} is sorted, so the output never depends on thread timing.
 */
public final class Warnings {

    private final Set<PlanWarning> warnings = new ConcurrentSkipListSet<>();

    public void add(Path file, int line, String message) {
        warnings.add(new PlanWarning(file == null ? "" : file.toString(), line, message));
    }

    /** A warning located at a YAML node. */
    public void at(YNode node, String message) {
        add(node.file(), node.line(), message);
    }

    /** Sorted by file, line and message; no duplicates. */
    public List<PlanWarning> list() {
        return List.copyOf(warnings);
    }
}
