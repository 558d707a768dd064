package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.exec.internal.JobGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jobs outside the selection that selected jobs depend on must have succeeded already in the
 * execution (one without a plan checksum is a new execution, where nothing has), or be running in
 * another worker (the engine then waits for them).
 */
final class SelectedDependencies {

    private SelectedDependencies() {
    }

    /** Refuses (exit 2) a selection whose outside dependencies are not done in {@code state}. */
    static void require(JobGraph graph, List<String> selected, RunState state, String execId) {
        Set<String> inSelection = Set.copyOf(selected);
        for (String id : selected) {
            List<String> missing = new ArrayList<>();
            for (String dep : graph.job(id).dependsOn()) {
                Status status = state.job(dep).status();
                // running: another worker has it, and the engine waits for its end
                if (!inSelection.contains(dep) && status != Status.SUCCEEDED && status != Status.RUNNING) {
                    missing.add(dep);
                }
            }
            if (!missing.isEmpty()) {
                String deps = (missing.size() == 1 ? "its dependency " : "its dependencies ")
                        + String.join(", ", missing) + (missing.size() == 1 ? " has" : " have");
                throw new InvalidInputException("cannot run " + id + " alone: " + deps + (state.planChecksum() == null
                        ? " not succeeded in any run of this plan; run the whole plan first (orun run), "
                        + "then --job " + id + " attaches to that run"
                        : " not succeeded in execution " + execId + "; run them first with: orun run "
                        + "--exec-id " + execId + " (with the same plan; it re-runs only what did not "
                        + "succeed), or select them too"));
            }
        }
    }
}
