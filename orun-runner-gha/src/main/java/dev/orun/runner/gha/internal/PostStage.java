package dev.orun.runner.gha.internal;

import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.runner.gha.expr.EvaluationContext;
import dev.orun.runner.gha.expr.ExpressionException;
import dev.orun.runner.gha.expr.Expressions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An action's {@code post} stage, registered when its main stage ran: the command to run, the
 * environment it ran with (plus {@code STATE_*} from what it saved), and its {@code post-if}
 * (default {@code always()}). Stages run after the job's last step, newest first.
 */
record PostStage(String label, List<String> command, Path directory, Map<String, String> env,
                 String condition) {

    static StepResult runAll(GhaJobSession session, StepRequest request) throws InterruptedException {
        List<String> errors = new ArrayList<>();
        StepFiles.Reports reports = new StepFiles.Reports();
        while (!session.posts.isEmpty()) {
            PostStage stage = session.posts.pop();
            Scope scope = Scope.top();
            scope.failed = request.jobFailed();
            EvaluationContext context = session.context(scope, stage.env());
            try {
                String condition = stage.condition() == null || stage.condition().isBlank()
                        ? "always()" : stage.condition();
                if (!Expressions.condition(condition, context)) {
                    continue;
                }
            } catch (ExpressionException e) {
                errors.add(stage.label() + ": post-if " + e.getMessage());
                continue;
            }
            write(request, "Post " + stage.label() + "\n");
            StepProcess.Outcome outcome = session.runProcess(stage.command(), stage.directory(),
                    stage.env(), null, request.output(), reports);
            if (outcome.error() != null) {
                errors.add(stage.label() + ": " + outcome.error());
            } else if (outcome.exitCode() != 0) {
                errors.add(stage.label() + ": exited with code " + outcome.exitCode());
            }
        }
        StepResult result = errors.isEmpty() ? StepResult.exited(0)
                : StepResult.notRun("post stage failed: " + String.join("; ", errors));
        return result.withReports(Map.of(), null, reports.annotations);
    }

    private static void write(StepRequest request, String text) {
        try {
            request.output().write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the sink records its own failures
        }
    }
}
