package dev.orun.exec.internal;

import dev.orun.core.Durations;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.GoDuration;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Masker;
import dev.orun.core.state.Annotation;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.SecretsUnresolvedException;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.ExecutionResult.StepOutcome;
import dev.orun.exec.internal.isolation.StagedWorkspace;
import dev.orun.exec.internal.secrets.JobSecrets;
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
 *
 * <p>A step with an {@code if:} condition is always handed to the runner, which evaluates it
 * (told whether an earlier step failed) and may answer "skipped". A failed step with
 * {@code continue-on-error} is recorded failed but, as in GitHub Actions, does not fail the job.
 * Each job has one {@link Masker}: values the runner masks are hidden in every later line, and
 * {@link JobMasking} masks the stored logs, records and result again when a step and the job end.
 * The job's secrets (found locally, else asked from the state backend under the claim, see
 * JobSecrets) are masked before the first step and reach steps as the last env layer, over the
 * step's own env (docs/decisions/local-secrets.md, remote-secrets.md).
 */
final class JobExecution {

    private static final System.Logger LOG = System.getLogger(JobExecution.class.getName());

    private final RunContext run;
    private final Job job;
    private final CancelToken cancel;
    private final List<StepOutcome> outcomes = new ArrayList<>();
    private final Masker masker = new Masker();
    private String failedStep;
    private String error;
    private List<String> tail = List.of();
    private Map<String, String> secrets = Map.of();

    private final ClaimToken claim;
    private final JobMasking masking;

    JobExecution(RunContext run, Job job, ClaimToken claim, CancelToken cancel) {
        this.run = run;
        this.job = job;
        this.claim = claim;
        this.cancel = cancel;
        run.state().secretValues().forEach(masker::add);
        this.masking = new JobMasking(run, claim, job.id(), masker);
    }

    JobResult execute() {
        Instant started = Instant.now();
        run.listener().onEvent(new ProgressEvent.JobStarted(started, job.id(), 1));
        Status status;
        StagedWorkspace staged = null;
        try {
            secrets = JobSecrets.resolve(job, run.secretsOf(job), run.state(), claim, masker);
            Path base = run.workspaceRoot();
            if (run.stager() != null) {
                staged = run.stager().stage(job);
                base = staged.root();
            }
            Path jobDir = staged != null ? staged.jobDirectory() : run.jobDirectory(job, base);
            Map<String, String> jobEnv = run.jobEnvironment(job);
            Map<String, Map<String, String>> depOutputs = new HashMap<>();
            Map<String, Status> depStatuses = new HashMap<>();
            readDependencies(depOutputs, depStatuses);
            JobContext context = new JobContext(run.execId(), job, base, jobDir, jobEnv,
                    run.keepResources(), staged == null ? null : staged.overlay(),
                    depOutputs, depStatuses);
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
        } catch (SecretsUnresolvedException e) {
            // before any step: the job fails with one line naming the keys, never a value
            status = Status.FAILED;
            error = masker.mask("secret resolution: " + e.getMessage());
        } catch (RuntimeException e) {
            status = Status.FAILED;
            error = error == null ? masker.mask(describe(e)) : error;
            LOG.log(System.Logger.Level.DEBUG, "job " + job.id() + " failed", e);
        } finally {
            if (staged != null) {
                run.stager().release(staged);
            }
        }
        masking.jobEnded();
        Duration took = Duration.between(started, Instant.now());
        return masking.mask(new JobResult(job.id(), job.name(), job.component(), job.environment(),
                status, took, error, false, failedStep, tail, outcomes));
    }

    /** What the job's direct dependencies recorded: their outputs and how they ended. */
    private void readDependencies(Map<String, Map<String, String>> outputs,
                                  Map<String, Status> statuses) {
        if (job.dependsOn().isEmpty() || run.state() == null) {
            return;
        }
        // only the dependencies' records, not the whole run: reading the run state is O(jobs), and
        // doing that for every job made a run quadratic in its size
        run.state().readJobs(job.dependsOn()).forEach((dependency, recorded) -> {
            outputs.put(dependency, recorded.outputs());
            statuses.put(dependency, recorded.status());
        });
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
            if (hardFailure && Step.phaseRank(step.phase()) != 2 && !step.hasCondition()) {
                recordSkipped(stepId);
                continue;
            }
            StepOutcome outcome = runStep(session, step, stepId, jobDir, jobEnv, deadline,
                    hardFailure || failedStep != null);
            outcomes.add(outcome);
            boolean failed = outcome.status() != Status.SUCCEEDED
                    && outcome.status() != Status.SKIPPED;
            if (failed && step.continueOnError()) {
                continue; // GitHub's continue-on-error: recorded failed, the job goes on and may succeed
            }
            if (failed && failedStep == null) {
                failedStep = stepId;
                error = "step " + stepId + ": " + outcome.error();
            }
            if (failed && !step.continuesOnFailure()) {
                hardFailure = true;
            }
        }
        if (session.hasPostActions()) {
            runPostActions(session, jobDir, jobEnv, deadline, hardFailure || failedStep != null);
        }
    }

    /** The runner's post stages, recorded as one more step; its failure fails the job. */
    private void runPostActions(JobSession session, Path jobDir, Map<String, String> jobEnv,
                                Instant deadline, boolean jobFailed) throws InterruptedException {
        String stepId = JobSession.POST_ACTIONS_STEP_ID;
        Step post = new Step(stepId, "Post actions", Step.PHASE_POST, 0, null, null, null, null,
                null, null, null, 0, null, null);
        Instant started = Instant.now();
        records(() -> run.state().stepStarted(claim, stepId, started));
        run.listener().onEvent(new ProgressEvent.StepStarted(started, job.id(), stepId));
        StepOutputSink sink = new StepOutputSink(() -> run.state().openLog(claim, stepId),
                run.listener(), job.id(), stepId, masker);
        StepResult result;
        try {
            result = attempt(session, new StepRequest(post, jobDir, stepEnvironment(jobEnv, post,
                    stepId), null, sink, stepId, jobFailed, masker), null, deadline, true);
        } catch (InterruptedException e) {
            finishStep(new StepState(stepId, Status.CANCELLED, null, started, null, "cancelled"), sink);
            throw e;
        }
        Status status = result.succeeded() ? Status.SUCCEEDED : Status.FAILED;
        String reason = masker.mask(describe(result));
        Integer exitCode = result.exitCode() >= 0 ? result.exitCode() : null;
        Duration took = finishStep(new StepState(stepId, status, exitCode, started, null, reason,
                result.outputs(), result.summary(), result.annotations()), sink);
        outcomes.add(new StepOutcome(stepId, status, exitCode, took, 1, reason, result.annotations()));
        if (status == Status.FAILED && failedStep == null) {
            failedStep = stepId;
            error = "step " + stepId + ": " + reason;
            tail = sink.tail();
        }
    }

    private void recordSkipped(String stepId) {
        Instant now = Instant.now();
        StepState state = new StepState(stepId, Status.SKIPPED, null, null, now, null);
        records(() -> run.state().stepFinished(claim, state));
        outcomes.add(new StepOutcome(stepId, Status.SKIPPED, null, Duration.ZERO, 0, null));
    }

    private StepOutcome runStep(JobSession session, Step step, String stepId, Path jobDir,
                                Map<String, String> jobEnv, Instant deadline, boolean jobFailed)
            throws InterruptedException {
        Instant started = Instant.now();
        records(() -> run.state().stepStarted(claim, stepId, started));
        run.listener().onEvent(new ProgressEvent.StepStarted(started, job.id(), stepId));
        StepResult result;
        int attempts = 0;
        StepOutputSink sink = new StepOutputSink(() -> run.state().openLog(claim, stepId),
                run.listener(), job.id(), stepId, masker);
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
                result = attempt(session, new StepRequest(step, dir, env, null, sink, stepId,
                        jobFailed, masker), timeout, deadline, false);
            } while (!result.succeeded() && !result.skipped() && attempts < maxAttempts
                    && !jobTimedOut(deadline));
        } catch (IllegalArgumentException e) {
            result = StepResult.notRun("invalid timeout: " + e.getMessage());
        } catch (IOException e) {
            result = StepResult.notRun(e.getMessage());
        } catch (InterruptedException e) {
            finishStep(new StepState(stepId, Status.CANCELLED, null, started, null, "cancelled"),
                    sink);
            throw e;
        }
        Status status = result.skipped() ? Status.SKIPPED
                : result.succeeded() ? Status.SUCCEEDED : Status.FAILED;
        Integer exitCode = result.exitCode() >= 0 ? result.exitCode() : null;
        String reason = masker.mask(describe(result));
        if (status == Status.FAILED && !step.continueOnError()) {
            tail = sink.tail();
        }
        for (Annotation annotation : result.annotations()) {
            run.listener().onEvent(new ProgressEvent.AnnotationRaised(Instant.now(), job.id(),
                    stepId, annotation));
        }
        Duration took = finishStep(new StepState(stepId, status, exitCode, started, null, reason,
                result.outputs(), result.summary(), result.annotations()), sink);
        return new StepOutcome(stepId, status, exitCode, took, attempts, reason,
                result.annotations());
    }

    private StepResult attempt(JobSession session, StepRequest request, Duration timeout,
                               Instant deadline, boolean postActions) throws InterruptedException {
        Step step = request.step();
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
            StepRequest bounded = new StepRequest(step, request.workingDirectory(),
                    request.environment(), limit, request.output(), request.stepId(),
                    request.jobFailed(), request.masker());
            result = postActions ? session.runPostActions(bounded) : session.runStep(bounded);
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

    private Duration finishStep(StepState ended, StepOutputSink sink) {
        String stepId = ended.stepId();
        Instant started = ended.startedAt();
        Status status = ended.status();
        Integer exitCode = ended.exitCode();
        String reason = ended.error();
        try {
            sink.close();
        } catch (IOException e) {
            // the sink records its own log failures; this is only for diagnostics
            LOG.log(System.Logger.Level.DEBUG, "closing the log of step " + stepId, e);
        }
        Instant now = Instant.now();
        Duration took = Duration.between(started, now);
        StepState recorded = masking.stepEnded(new StepState(stepId, status, exitCode, started,
                now, reason, ended.outputs(), ended.summary(), ended.annotations()), sink);
        records(() -> run.state().stepFinished(claim, recorded));
        run.listener().onEvent(new ProgressEvent.StepFinished(now, job.id(), stepId, status,
                exitCode == null ? -1 : exitCode, took, recorded.error()));
        return took;
    }

    private static String describe(StepResult result) {
        if (result.succeeded() || result.skipped() && result.error() == null) {
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
        env.putAll(secrets);
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
