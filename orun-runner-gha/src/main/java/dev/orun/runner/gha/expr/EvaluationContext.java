package dev.orun.runner.gha.expr;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an expression can see: the named contexts ({@code github}, {@code env}, {@code steps}, …,
 * as expression values), the job status behind {@code success()}/{@code failure()}/
 * {@code cancelled()}, and the workspace {@code hashFiles} reads.
 */
public record EvaluationContext(Map<String, Object> contexts, JobStatus status, Path workspace) {

    /** The status functions' view of the job (or composite action) so far. */
    public record JobStatus(boolean failed, boolean cancelledRun) {
        public boolean success() {
            return !failed && !cancelledRun;
        }

        public boolean failure() {
            return failed;
        }

        public boolean cancelled() {
            return cancelledRun;
        }
    }

    public EvaluationContext {
        Map<String, Object> lower = new TreeMap<>();
        contexts.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        contexts = java.util.Collections.unmodifiableMap(lower);
        status = status == null ? new JobStatus(false, false) : status;
    }

    /** This context with {@code name} set to {@code value} (e.g. {@code inputs} inside an action). */
    public EvaluationContext with(String name, Object value) {
        Map<String, Object> copy = new TreeMap<>(contexts);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        return new EvaluationContext(copy, status, workspace);
    }

    public EvaluationContext withStatus(JobStatus newStatus) {
        return new EvaluationContext(contexts, newStatus, workspace);
    }
}
