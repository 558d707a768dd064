package dev.orun.exec;

import java.nio.file.Path;

/**
 * The embedding API: execute a plan from Java without the command line.
 *
 * <pre>{@code
 * ExecutionResult result = Orun.runner(workspaceRoot)
 *         .plan(plan)
 *         .options(RunOptions.defaults().withConcurrency(4))
 *         .listener(event -> log(event))
 *         .run();
 * }</pre>
 */
public final class Orun {

    private Orun() {
    }

    /** A run in the workspace whose root (the directory holding {@code intent.yaml}) is given. */
    public static OrunRun runner(Path workspaceRoot) {
        return new OrunRun(workspaceRoot);
    }
}
