package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.runner.Masker;
import dev.orun.core.state.Annotation;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.StepState;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.ExecutionResult.StepOutcome;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a job's stored output free of its masked values, including values printed before the
 * {@code ::add-mask::} that named them (docs/decisions/masking-after-the-fact.md): when a step
 * ends, its log and record are masked with every value known by then; when the job ends, the logs
 * and records of its earlier steps are masked again if a later step added a value, and so is the
 * job's result ({@code --json}, the run summary). Lines already streamed live cannot be recalled;
 * when a stored log had to change, a notice says so.
 */
final class JobMasking {

    private static final System.Logger LOG = System.getLogger(JobMasking.class.getName());

    private final RunContext run;
    private final ClaimToken claim;
    private final String jobId;
    private final Masker masker;
    /** Each finished step's record and the number of masked values it was masked with. */
    private final Map<String, Recorded> steps = new LinkedHashMap<>();
    private boolean noticed;

    private record Recorded(StepState state, boolean hasLog, int generation) {
    }

    JobMasking(RunContext run, ClaimToken claim, String jobId, Masker masker) {
        this.run = run;
        this.claim = claim;
        this.jobId = jobId;
        this.masker = masker;
    }

    /** Masks a step that just ended: its stored log when needed, and the record to write. */
    StepState stepEnded(StepState ended, StepOutputSink sink) {
        if (sink.logNeedsMasking()) {
            rewriteLog(ended.stepId());
        }
        StepState masked = mask(ended);
        steps.put(ended.stepId(), new Recorded(masked, sink.hasLog(), masker.generation()));
        return masked;
    }

    /**
     * Masks, with the job's final set of values, the logs and records of steps that ended before
     * the last value was added; records are written again (the journal keeps the newest).
     */
    void jobEnded() {
        int generation = masker.generation();
        for (Map.Entry<String, Recorded> entry : steps.entrySet()) {
            Recorded step = entry.getValue();
            if (step.generation() >= generation) {
                continue;
            }
            if (step.hasLog()) {
                rewriteLog(entry.getKey());
            }
            StepState masked = mask(step.state());
            if (!masked.equals(step.state()) && run.state() != null) {
                StateWrites.run(() -> run.state().stepFinished(claim, masked));
            }
            entry.setValue(new Recorded(masked, step.hasLog(), generation));
        }
    }

    /** The job's result as {@code --json} and the run summary show it. */
    JobResult mask(JobResult result) {
        if (masker.isEmpty()) {
            return result;
        }
        List<String> tail = new ArrayList<>();
        result.outputTail().forEach(line -> tail.add(masker.mask(line)));
        List<StepOutcome> outcomes = new ArrayList<>();
        for (StepOutcome step : result.steps()) {
            outcomes.add(new StepOutcome(step.id(), step.status(), step.exitCode(), step.duration(),
                    step.attempts(), masker.mask(step.error()), mask(step.annotations())));
        }
        return new JobResult(result.id(), result.name(), result.component(), result.environment(),
                result.status(), result.duration(), masker.mask(result.error()), result.reused(),
                result.failedStep(), tail, outcomes);
    }

    String mask(String text) {
        return masker.mask(text);
    }

    private StepState mask(StepState state) {
        if (masker.isEmpty()) {
            return state;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        state.outputs().forEach((name, value) -> outputs.put(name, masker.mask(value)));
        return new StepState(state.stepId(), state.status(), state.exitCode(), state.startedAt(),
                state.finishedAt(), masker.mask(state.error()), outputs, masker.mask(state.summary()),
                mask(state.annotations()));
    }

    private List<Annotation> mask(List<Annotation> annotations) {
        List<Annotation> masked = new ArrayList<>(annotations.size());
        for (Annotation a : annotations) {
            masked.add(new Annotation(a.level(), masker.mask(a.message()), masker.mask(a.title()),
                    a.file(), a.line()));
        }
        return masked;
    }

    private void rewriteLog(String stepId) {
        if (run.state() == null) {
            return;
        }
        boolean changed;
        try {
            changed = run.state().rewriteLog(claim, stepId, masker::mask);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, "masking the log of " + jobId + "/" + stepId, e);
            run.listener().onEvent(new ProgressEvent.Notice(Instant.now(), "job " + jobId + ", step "
                    + stepId + ": the stored log could not be masked again (" + e.getMessage() + ")"));
            return;
        }
        if (changed && !noticed) {
            noticed = true;
            run.listener().onEvent(new ProgressEvent.Notice(Instant.now(), "job " + jobId
                    + ", step " + stepId + " printed a value before ::add-mask:: masked it: the "
                    + "stored logs, records and --json are masked, but live output (--verbose, "
                    + "orun logs --follow) showed those lines as printed"));
        }
    }
}
