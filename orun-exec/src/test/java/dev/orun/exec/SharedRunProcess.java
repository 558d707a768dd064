package dev.orun.exec;

import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import java.nio.file.Path;

/**
 * A separate JVM for the multi-process test: runs the plan in {@code args[1]} in the workspace
 * {@code args[0]} with execution id {@code args[2]} through the embedding API, like one
 * {@code orun run --exec-id} process of several started together. Exits with the run's code.
 */
public final class SharedRunProcess {

    public static void main(String[] args) {
        Plan plan = PlanJson.read(Path.of(args[1]));
        ExecutionResult result = Orun.run(Path.of(args[0])).plan(plan)
                .options(RunOptions.defaults().withExecId(args[2]).withConcurrency(4).withComponentConcurrency(0)
                        .withIsolation(Isolation.NONE, false))
                .run();
        System.exit(result.exitCode());
    }
}
