package dev.orun.core.runner;

import dev.orun.core.plan.Step;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One step to run. <b>Made by</b> the engine on the job's thread and handed to
 * {@link JobSession#runStep}. The runner writes the step's output to {@code output} from
 * whatever thread it reads the process with (the engine's sink is thread-safe) and must have
 * finished writing when {@code runStep} returns.
 *
 * @param step             the plan step
 * @param workingDirectory where the step runs, inside the job's workspace
 * @param environment      the complete environment for the step; runners add nothing from the host
 * @param timeout          the step's time limit, or {@code null} for none
 * @param output           where the step's stdout and stderr go, interleaved, as raw bytes; the
 *                         engine masks it with {@code masker} line by line
 * @param stepId           the step's unique id in the job (as in the records and
 *                         {@code ORUN_STEP_ID})
 * @param jobFailed        an earlier step of the job failed; a runner evaluating {@code if:}
 *                         conditions answers {@code success()}/{@code failure()} from it (the
 *                         engine only sends such a step when it has a condition or is a
 *                         {@code post} step)
 * @param masker           the job's masked values; a runner adds to it, never removes
 */
public record StepRequest(Step step, Path workingDirectory, Map<String, String> environment,
                          Duration timeout, OutputStream output, String stepId,
                          boolean jobFailed, Masker masker) {

    public StepRequest {
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        masker = masker == null ? new Masker() : masker;
    }

    public StepRequest(Step step, Path workingDirectory, Map<String, String> environment,
                       Duration timeout, OutputStream output) {
        this(step, workingDirectory, environment, timeout, output, step.id(), false, null);
    }
}
