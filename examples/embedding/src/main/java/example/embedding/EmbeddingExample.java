package example.embedding;

import dev.orun.core.OrunException;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Plan;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.Orun;
import dev.orun.exec.RunOptions;
import dev.orun.plan.PlanRequest;
import dev.orun.plan.Planner;
import dev.orun.plan.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Compiles the plan of the workspace at {@code args[0]} (default: the current directory) and runs
 * it, printing a line per finished job from the engine's progress events. Exits like orun run.
 */
public final class EmbeddingExample {

    public static void main(String[] args) {
        Path start = Path.of(args.length > 0 ? args[0] : ".");
        System.exit(run(start, System.out, System.err));
    }

    /** The exit code orun run would give: 0 succeeded, 1 a job failed, 2 bad input, 130 cancelled. */
    public static int run(Path start, PrintStream out, PrintStream err) {
        try {
            Workspace workspace = Workspace.discover(start.toAbsolutePath(), null); // finds intent.yaml
            Plan plan = new Planner(workspace).compile(PlanRequest.full()).plan();
            ExecutionResult result = Orun.run(workspace.root())
                    .plan(plan)
                    .options(RunOptions.defaults().withConcurrency(2))
                    .listener(event -> out.println(describe(event)))
                    .run();
            out.println(result.jobs().size() + " jobs, " + result.status().wireName()
                    + ", records in .orun/executions/" + result.execId());
            return result.exitCode();
        } catch (OrunException e) { // bad input (exit 2) or a runner that cannot work here
            err.println("example: " + e.getMessage());
            return e.exitCode();
        }
    }

    /** ProgressEvent is sealed: these eight records are every event the engine sends. */
    static String describe(ProgressEvent event) {
        if (event instanceof ProgressEvent.RunStarted e) {
            return "started " + e.execId() + ": " + e.jobIds().size() + " jobs on " + e.runner();
        } else if (event instanceof ProgressEvent.JobStarted e) {
            return "  ▶ " + e.jobId() + (e.attempt() > 1 ? " (attempt " + e.attempt() + ")" : "");
        } else if (event instanceof ProgressEvent.JobFinished e) {
            return "  " + (e.error() == null ? "✓ " : "✗ ") + e.jobId() + " " + e.status().wireName()
                    + " in " + e.duration().toMillis() + " ms" + (e.error() == null ? "" : ": " + e.error());
        } else if (event instanceof ProgressEvent.JobReused e) {
            return "  ✓ " + e.jobId() + " (already " + e.status().wireName() + ")";
        } else if (event instanceof ProgressEvent.StepStarted e) {
            return "    · " + e.stepId();
        } else if (event instanceof ProgressEvent.StepOutput e) {
            return "    │ " + e.line();
        } else if (event instanceof ProgressEvent.StepFinished e) {
            return "    · " + e.stepId() + " " + e.status().wireName();
        } else if (event instanceof ProgressEvent.RunFinished e) {
            return "finished " + e.execId() + ": " + e.status().wireName();
        }
        throw new IllegalArgumentException("unknown event " + event);
    }
}
