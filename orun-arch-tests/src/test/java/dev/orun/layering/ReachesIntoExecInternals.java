package dev.orun.layering;

import dev.orun.exec.internal.JobGraph;

/** Breaks the layering on purpose, so {@link LayeringTest} can show its rules catch it. */
final class ReachesIntoExecInternals {

    int jobs(JobGraph graph) {
        return graph.order().size();
    }
}
