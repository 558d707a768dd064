package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Job;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.internal.EngineSignal.Finished;
import dev.orun.exec.internal.EngineSignal.HeldElsewhere;
import dev.orun.exec.internal.EngineSignal.RecordsFailed;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One job on a job thread: claim it through the state backend, run it while the claim is kept
 * alive, record its end, and always report back to the scheduler — so the scheduler never waits
 * for a job that died.
 */
final class JobAttempt {

    private final RunContext run;
    private final ClaimKeeper claims;
    private final AtomicBoolean anyJobRan;

    /** @param anyJobRan set once any job was claimed to run (a records failure then exits 1, not 2) */
    JobAttempt(RunContext run, ClaimKeeper claims, AtomicBoolean anyJobRan) {
        this.run = run;
        this.claims = claims;
        this.anyJobRan = anyJobRan;
    }

    EngineSignal runSafely(Job job, CancelToken token) {
        try {
            return runJob(job, token);
        } catch (StateUnavailableException e) {
            return new RecordsFailed(job.id(), e);
        } catch (RuntimeException | Error e) {
            return new Finished(JobOutcomes.notRun(job, Status.FAILED, "internal error: " + e));
        }
    }

    private EngineSignal runJob(Job job, CancelToken token) {
        if (token.cancelled()) {
            return new Finished(JobOutcomes.notRun(job, Status.CANCELLED, "cancelled"));
        }
        ClaimResult claim = StateWrites.get(() -> run.state().claim(job.id(), ClaimKeeper.LEASE));
        switch (claim.outcome()) {
            case HELD_ELSEWHERE, NOT_READY -> {
                return new HeldElsewhere(job.id());
            }
            case ALREADY_DONE -> {
                run.listener().onEvent(new ProgressEvent.JobReused(Instant.now(), job.id(), claim.status()));
                return new Finished(JobOutcomes.reused(job, run.state().readJob(job.id()), claim.status()));
            }
            default -> {
                // claimed: run it below
            }
        }
        ClaimToken lease = claim.token();
        anyJobRan.set(true);
        AtomicBoolean leaseLost = new AtomicBoolean();
        claims.hold(lease, () -> {
            leaseLost.set(true);
            token.cancel("lost its lease: another worker took the job over");
        });
        JobResult result;
        try {
            result = new JobExecution(run, job, lease, token).execute();
        } catch (LeaseLostException e) {
            leaseLost.set(true);
            result = JobOutcomes.notRun(job, Status.FAILED, e.getMessage());
        } finally {
            claims.release(job.id());
        }
        Instant now = Instant.now();
        try {
            JobResult ended = result;
            StateWrites.run(() -> run.state().jobFinished(lease, ended.status(), now, ended.error()));
        } catch (LeaseLostException e) {
            leaseLost.set(true);
            result = JobOutcomes.notRun(job, Status.FAILED, e.getMessage()); // the new holder records the job's end
        }
        if (leaseLost.get() && run.state().coordinatesDependencies()) {
            // A state server gave the job to another worker (this one was presumed dead): its outcome
            // is the job's, so wait for it like any job held elsewhere rather than count this
            // attempt as a failure (decision: docs/decisions/remote-state-client.md).
            run.listener().onEvent(new ProgressEvent.Notice(now, "lease lost on " + job.id()
                    + " — another runner has taken it over; waiting for its outcome"));
            return new HeldElsewhere(job.id());
        }
        run.listener().onEvent(new ProgressEvent.JobFinished(now, job.id(), result.status(),
                result.duration(), result.error()));
        return new Finished(result);
    }
}
