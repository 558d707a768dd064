package dev.orun.exec.internal;

import dev.orun.core.Durations;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.GoDuration;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.ExecutionResult.StepOutcome;
import dev.orun.exec.internal.isolation.StagedWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the steps of one claimed job on the runner and records each step's end.
 *
 * <p>Semantics: steps run in plan order (the compiler sorts by phase, then order). A step makes
 * {@code retry + 1} attempts ({@code retry} defaults to the job's {@code retries}); its
 * {@code timeout} applies to each attempt. The job's {@code timeout} bounds the whole job: each
 * attempt gets at most the job's remaining time. A failed step with {@code onFailure: continue}
 * lets the following steps run but the job still ends {@code failed} (its dependents do not run).
 * After any other failure the remaining {@code pre}/{@code main} steps are recorded
 * {@code skipped}, while {@code post} steps still run, as clean-up. Interruption (cancellation)
 * stops the running step's processes and records the job {@code cancelled}.
 */
final class JobExecution {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final RunContext run;
    private final Job job;
    private final CancelToken cancel;
    private final List<StepOutcome> outcomes = new ArrayList<>();
    private String failedStep;
    private String error;
    private List<String> tail = List.of();

    private final ClaimToken claim;

    JobExecution(RunContext run, Job job, ClaimToken claim, CancelToken cancel) {
        this.run = run;
        this.job = job;
        this.claim = claim;
        this.cancel = cancel;
    }

    JobResult execute() {
        Instant started = Instant.now();
        run.listener().onEvent(new ProgressEvent.JobStarted(started, job.id(), 1));
        Status status;
        StagedWorkspace staged = null;
        try {
            Path base = run.workspaceRoot();
            if (run.stager() != null) {
                staged = run.stager().stage(job);
                base = staged.root();
            }
            Path jobDir = staged != null ? staged.jobDirectory() : run.jobDirectory(job, base);
            Map<String, String> jobEnv = run.jobEnvironment(job);
            JobContext context = new JobContext(run.execId(), job, base, jobDir, jobEnv,
                    run.keepResources(), staged == null ? null : staged.overlay());
            Instant deadline = deadline(started);
            JobSession session;
            cancel.enterRunner();
            try {
                session = run.runner().startJob(context);
            } finally {
                cancel.leaveRunner();
            }
            try (session) {
                runSteps(session, jobDir, jobEnv, deadline);
            }
            status = failedStep == null && error == null ? Status.SUCCEEDED : Status.FAILED;
        } catch (InterruptedException e) {
            status = Status.CANCELLED;
            error = error == null ? cancel.reason() : error;
        } catch (StateUnavailableException | LeaseLostException e) {
            throw e;
        } catch (RuntimeException e) {
            status = Status.FAILED;
            error = error == null ? describe(e) : error;
            LOG.log(System.Logger.Level.DEBUG, "job " + job.id() + " failed", e);
        } finally {
            if (staged != null) {
                run.stager().release(staged);
            }
        }
        Duration took = Duration.between(started, Instant.now());
        return new JobResult(job.id(), job.name(), job.component(), job.environment(), status, took,
                error, false, failedStep, tail, outcomes);
    }

    private Instant deadline(Instant started) {
        try {
            Duration limit = GoDuration.parse(job.timeout());
            return limit == null ? null : started.plus(limit);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("job timeout: " + e.getMessage());
        }
    }

    private void runSteps(JobSession session, Path jobDir, Map<String, String> jobEnv,
                          Instant deadline) throws InterruptedException {
        boolean hardFailure = false;
        List<String> stepIds = StepIds.of(job.steps());
        for (int index = 0; index < job.steps().size(); index++) {
            Step step = job.steps().get(index);
            String stepId = stepIds.get(index);
            cancel.check();
            if (hardFailure && Step.phaseRank(step.phase()) != 2) {
                recordSkipped(stepId);
                continue;
            }
            StepOutcome outcome = runStep(session, step, stepId, jobDir, jobEnv, deadline);
            outcomes.add(outcome);
            if (outcome.status() != Status.SUCCEEDED && failedStep == null) {
                failedStep = stepId;
                error = "step " + stepId + ": " + outcome.error();
            }
            if (outcome.status() != Status.SUCCEEDED && !step.continuesOnFailure()) {
                hardFailure = true;
            }
        }
    }

    private void recordSkipped(String stepId) {
        Instant now = Instant.now();
        StepState state = new StepState(stepId, Status.SKIPPED, null, null, now, null);
        records(() -> run.state().stepFinished(claim, state));
        outcomes.add(new StepOutcome(stepId, Status.SKIPPED, null, Duration.ZERO, 0, null));
    }

    private StepOutcome runStep(JobSession session, Step step, String stepId, Path jobDir,
                                Map<String, String> jobEnv, Instant deadline)
            throws InterruptedException {
        Instant started = Instant.now();
        records(() -> run.state().stepStarted(claim, stepId, started));
        run.listener().onEvent(new ProgressEvent.StepStarted(started, job.id(), stepId));
        StepResult result;
        int attempts = 0;
        StepOutputSink sink = new StepOutputSink(() -> run.state().openLog(claim, stepId),
                run.listener(), job.id(), stepId);
        try {
            Duration timeout = GoDuration.parse(step.timeout());
            int maxAttempts = 1 + Math.max(0, step.retry() > 0 ? step.retry() : job.retries());
            Map<String, String> env = stepEnvironment(jobEnv, step, stepId);
            Path dir = stepDirectory(jobDir, step);
            do {
                attempts++;
                if (attempts > 1) {
                    sink.newAttempt();
                    sink.write(("orun: retrying step " + stepId + " (attempt " + attempts + "/"
                            + maxAttempts + ")\n").getBytes(StandardCharsets.UTF_8));
                }
                result = attempt(session, step, dir, env, timeout, deadline, sink);
            } while (!result.succeeded() && attempts < maxAttempts && !jobTimedOut(deadline));
        } catch (IllegalArgumentException e) {
            result = StepResult.notRun("invalid timeout: " + e.getMessage());
        } catch (IOException e) {
            result = StepResult.notRun(e.getMessage());
        } catch (InterruptedException e) {
            finishStep(stepId, started, Status.CANCELLED, null, "cancelled", sink);
            throw e;
        }
        Status status = result.succeeded() ? Status.SUCCEEDED : Status.FAILED;
        Integer exitCode = result.exitCode() >= 0 ? result.exitCode() : null;
        String reason = describe(result);
        if (status == Status.FAILED) {
            tail = sink.tail();
        }
        Duration took = finishStep(stepId, started, status, exitCode, reason, sink);
        return new StepOutcome(stepId, status, exitCode, took, attempts, reason);
    }

    private StepResult attempt(JobSession session, Step step, Path dir, Map<String, String> env,
                               Duration timeout, Instant deadline, StepOutputSink sink)
            throws InterruptedException {
        Duration limit = timeout;
        boolean jobLimit = false;
        if (deadline != null) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                return StepResult.timedOut("job timeout " + job.timeout() + " exceeded");
            }
            if (limit == null || left.compareTo(limit) < 0) {
                limit = left;
                jobLimit = true;
            }
        }
        StepResult result;
        cancel.enterRunner();
        try {
            result = session.runStep(new StepRequest(step, dir, env, limit, sink));
        } finally {
            cancel.leaveRunner();
        }
        if (result.timedOut()) {
            return StepResult.timedOut(jobLimit ? "job timeout " + job.timeout() + " exceeded"
                    : "timed out after " + step.timeout());
        }
        return result;
    }

    /**
     * One line for the record: an orun error's own message; anything else (a runner's bug, such
     * as a NullPointerException without a message) names its class so the line is never "null".
     */
    static String describe(RuntimeException e) {
        if (e instanceof dev.orun.core.OrunException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e.getClass().getName() + ": " + e.getMessage();
    }

    private static boolean jobTimedOut(Instant deadline) {
        return deadline != null && !Instant.now().isBefore(deadline);
    }

    private Duration finishStep(String stepId, Instant started, Status status, Integer exitCode,
                                String reason, StepOutputSink sink) {
        try {
            sink.close();
        } catch (IOException e) {
            // the sink records its own log failures; this is only for diagnostics
            LOG.log(System.Logger.Level.DEBUG, "closing the log of step " + stepId, e);
        }
        Instant now = Instant.now();
        Duration took = Duration.between(started, now);
        records(() -> run.state().stepFinished(claim, new StepState(stepId, status, exitCode, started, now, reason)));
        run.listener().onEvent(new ProgressEvent.StepFinished(now, job.id(), stepId, status,
                exitCode == null ? -1 : exitCode, took, reason));
        return took;
    }

    private static String describe(StepResult result) {
        if (result.succeeded()) {
            return null;
        }
        if (result.error() != null) {
            return result.error();
        }
        return result.timedOut() ? "timed out" : "exited with code " + result.exitCode();
    }

    private Map<String, String> stepEnvironment(Map<String, String> jobEnv, Step step,
                                                String stepId) {
        Map<String, String> env = new HashMap<>(jobEnv.size() + step.env().size() + 1);
        env.put("ORUN_STEP_ID", stepId);
        env.putAll(jobEnv);
        env.putAll(step.env());
        return env;
    }

    private static Path stepDirectory(Path jobDir, Step step) {
        String wd = step.workingDirectory();
        if (wd == null || wd.isBlank()) {
            return jobDir;
        }
        Path path = Path.of(wd);
        return path.isAbsolute() ? path : jobDir.resolve(path).normalize();
    }

    /** A state write; a failure to write (not a lost lease) stops the whole run, see StateWrites. */
    private static void records(Runnable write) {
        StateWrites.run(write);
    }
}
