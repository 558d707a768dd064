package dev.orun.core.runner;

import dev.orun.core.state.Annotation;
import java.util.List;
import java.util.Map;

/**
 * How a step ended. <b>Made by</b> a runner, returned from {@link JobSession#runStep}; the engine
 * records it (status, exit code, error) on the job's thread. Immutable.
 *
 * @param exitCode    the process exit code (-1 when there was no process)
 * @param timedOut    the step was stopped because its timeout passed
 * @param error       a one-line reason when the step could not run or was stopped, else {@code null}
 * @param skipped     the runner decided not to run the step (its {@code if:} was false)
 * @param outputs     values the step set for later steps and dependent jobs (masked)
 * @param summary     the step's Markdown summary, or {@code null}
 * @param annotations notices, warnings and errors the step raised
 */
public record StepResult(int exitCode, boolean timedOut, String error, boolean skipped,
                         Map<String, String> outputs, String summary,
                         List<Annotation> annotations) {

    public StepResult {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public StepResult(int exitCode, boolean timedOut, String error) {
        this(exitCode, timedOut, error, false, Map.of(), null, List.of());
    }

    public static StepResult exited(int exitCode) {
        return new StepResult(exitCode, false, null);
    }

    public static StepResult timedOut(String error) {
        return new StepResult(-1, true, error);
    }

    public static StepResult notRun(String error) {
        return new StepResult(-1, false, error);
    }

    /** The step was not run because its condition was false; {@code reason} says which. */
    public static StepResult skipped(String reason) {
        return new StepResult(-1, false, null, true, Map.of(), null, List.of()).withError(reason);
    }

    /** This result with what the step reported besides its exit. */
    public StepResult withReports(Map<String, String> newOutputs, String newSummary,
                                  List<Annotation> newAnnotations) {
        return new StepResult(exitCode, timedOut, error, skipped, newOutputs, newSummary,
                newAnnotations);
    }

    private StepResult withError(String reason) {
        return new StepResult(exitCode, timedOut, reason, skipped, outputs, summary, annotations);
    }

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && error == null && !skipped;
    }
}
