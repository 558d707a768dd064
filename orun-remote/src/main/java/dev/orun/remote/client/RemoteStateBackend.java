package dev.orun.remote.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.OrunException;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.remote.protocol.ClaimRequest;
import dev.orun.remote.protocol.ClaimResponse;
import dev.orun.remote.protocol.CompleteRequest;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.CreateRunRequest;
import dev.orun.remote.protocol.HeartbeatRequest;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.JobSpec;
import dev.orun.remote.protocol.RunJobView;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A {@link StateBackend} over an orun state server: the run is created once (idempotently, keyed
 * by the wire run id), jobs are claimed with the server's coordination verbs, which grant a job
 * only when its dependencies succeeded and only to one runner at a time; lease epochs fence every
 * later write. Logs are shipped in the background by a {@link LogShipper}; waiting for jobs others
 * hold follows the event log ({@link JobWatch}). Thread-safe.
 */
public final class RemoteStateBackend implements StateBackend {
    private static final Duration RUN_VISIBLE_WINDOW = Duration.ofMinutes(2);
    private static final Duration COMPLETE_DEADLINE = Duration.ofSeconds(90);
    /** The lease a server grants when its claim answer does not say (orun-backend's default). */
    private static final int DEFAULT_LEASE_SECONDS = 60;

    private final StateHttp http;
    private final String execId;
    private final String runId;
    private final String runnerId;
    private final LogShipper logs;
    private final JobWatch watch;
    private final RemoteSecrets secrets;
    private final Map<String, HeldLease> leases = new ConcurrentHashMap<>();
    private final Set<ClaimToken> lost = ConcurrentHashMap.newKeySet();
    private final Set<String> retrying = ConcurrentHashMap.newKeySet();
    private final Set<ClaimToken> finished = ConcurrentHashMap.newKeySet();
    private volatile int heartbeatSeconds = 20;
    private volatile String planChecksum;
    /** This process's monotonic clock in nanoseconds (a test moves it with the server's clock). */
    private final LongSupplier nanos;

    public RemoteStateBackend(StateHttp http, String execId, String runnerId, Path spillDir) {
        this(http, execId, runnerId, spillDir, System::nanoTime);
    }

    /** {@code nanos}: the monotonic clock lease ages are measured with (tests move it with the server's). */
    public RemoteStateBackend(StateHttp http, String execId, String runnerId, Path spillDir, LongSupplier nanos) {
        this.http = http;
        this.nanos = nanos;
        this.execId = execId;
        this.runId = RunIds.wireRunId(execId);
        this.runnerId = runnerId;
        this.secrets = new RemoteSecrets(http, runId, runnerId);
        this.logs = new LogShipper(http, runId, runnerId,
                spillDir.resolve("orun-logspill-" + execId.replaceAll("[^A-Za-z0-9._-]", "_") + ".ndjson"));
        this.watch = new JobWatch(http, runPath());
    }

    public String runnerId() {
        return runnerId;
    }

    public String wireRunId() {
        return runId;
    }

    @Override
    public RunState open(RunDescriptor run) {
        Plan plan = run.plan();
        planChecksum = plan.metadata().checksum();
        PlanBlob blob = PlanBlob.of(plan);
        RemoteCalls.call(() -> {
            new ObjectUploader(http).ensure("plan", blob.bytes());
            List<JobSpec> jobs = new ArrayList<>();
            for (Job job : plan.jobs()) {
                jobs.add(new JobSpec(job.id(), job.component(), job.dependsOn()));
            }
            http.json(StateHttp.Call.post("/runs", new CreateRunRequest(runId, blob.digest(),
                    "true".equals(System.getenv("GITHUB_ACTIONS")) ? "ci" : "cli", null, null, Map.of(), jobs),
                    ContractVersion.REST, true), JsonNode.class);
            return null;
        });
        return read();
    }

    @Override
    public void resetJob(String jobId) {
        // the server re-opens a failed job when the next claim carries retry=true
        retrying.add(jobId);
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        if (watch.knownSucceeded(jobId) != null) {
            // the event log showed it succeed (final: only a failed job is re-opened): no claim to send
            return ClaimResult.alreadyDone(Status.SUCCEEDED);
        }
        if (!retrying.contains(jobId) && watch.heldByAnother(jobId, runnerId)) {
            // the log's last word is another runner's claim: the server would only answer "held"
            // (the wait ends when the log says it ended or its lease lapsed; the server still decides
            // every claim this runner does send)
            watch.held(jobId);
            return ClaimResult.heldElsewhere(Status.RUNNING);
        }
        long deadline = System.nanoTime() + RUN_VISIBLE_WINDOW.toNanos();
        while (true) {
            ClaimResponse r;
            long sent = nanos.getAsLong();
            try {
                r = http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(jobId) + ":claim",
                        new ClaimRequest(runnerId, null, null, retrying.contains(jobId) ? Boolean.TRUE : null),
                        ContractVersion.COORDINATION, true), ClaimResponse.class);
            } catch (RemoteApiException e) {
                if (e.status() == 404 && System.nanoTime() < deadline) {
                    StateHttp.sleep(Duration.ofSeconds(2)); // the run is not visible yet
                    continue;
                }
                throw RemoteCalls.unavailable(e);
            }
            if (r.claimed()) {
                retrying.remove(jobId);
                ClaimToken token = new ClaimToken(jobId, r.leaseEpoch());
                if (r.heartbeatIntervalSeconds() != null && r.heartbeatIntervalSeconds() > 0) {
                    heartbeatSeconds = r.heartbeatIntervalSeconds();
                }
                leases.put(jobId, new HeldLease(token, r.attempt() == null ? 1 : r.attempt(),
                        r.leaseSeconds() == null || r.leaseSeconds() <= 0 ? DEFAULT_LEASE_SECONDS : r.leaseSeconds(),
                        sent, nanos.getAsLong()));
                return ClaimResult.claimed(token, r.leaseExpiresAt());
            }
            if (Boolean.TRUE.equals(r.cached())) {
                return ClaimResult.alreadyDone(Status.SUCCEEDED);
            }
            String reason = r.reason() == null ? "" : r.reason();
            switch (reason) {
                case ClaimResponse.DEPS_NOT_READY:
                    return new ClaimResult(ClaimResult.Outcome.NOT_READY, Status.PENDING, null, null);
                case ClaimResponse.RUN_TERMINAL:
                    // the job already ended: the log since this runner last looked usually says how
                    // (a few events); only when it does not, read the job itself rather than trusting
                    // a summary (it may have just succeeded)
                    watch.catchUp();
                    return ClaimResult.alreadyDone(readJob(jobId).status());
                default:
                    watch.held(jobId);
                    return ClaimResult.heldElsewhere(Status.RUNNING);
            }
        }
    }

    @Override
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    @Override
    public void heartbeat(ClaimToken token, Duration lease) {
        HeldLease held = fence(token);
        long sent = nanos.getAsLong();
        try {
            HeartbeatResponse r = http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(token.jobId())
                    + ":heartbeat", new HeartbeatRequest(runnerId, token.epoch()), ContractVersion.COORDINATION, false),
                    HeartbeatResponse.class);
            held.confirmed(sent, nanos.getAsLong(), r.leaseSeconds());
            if (r.heartbeatIntervalSeconds() > 0) {
                heartbeatSeconds = r.heartbeatIntervalSeconds();
            }
        } catch (RemoteApiException e) {
            if (e.status() == 409 && finished.contains(token)) {
                // the heartbeat timer raced this runner's own completion: the lease was given back, not lost
                return;
            }
            if (e.status() == 409) {
                markLost(token);
                throw new LeaseLostException(token, "the state server gave the job to another runner");
            }
            if (held.expiredUnconfirmed(nanos.getAsLong())) {
                // a runner cut off from the server must not go on running a job it no longer holds
                markLost(token);
                throw new LeaseLostException(token, "no heartbeat reached the state server for longer than the "
                        + held.leaseSeconds() + " s lease (" + e.getMessage()
                        + "); the lease has expired there");
            }
            // transport trouble: the next tick tries again; the lease outlives two missed beats
        }
    }

    /**
     * A step starts only while this runner provably holds the job: the server confirmed the lease
     * (claim or heartbeat) moments ago ({@link HeldLease#FRESH}), else a heartbeat confirms it now —
     * the holder may have stalled for longer than its lease since (the state backend contract's
     * takeover case). A lease known lost or superseded stops it either way.
     */
    @Override
    public void stepStarted(ClaimToken token, String stepId, Instant at) {
        confirmUnlessFresh(token);
    }

    @Override
    public void stepFinished(ClaimToken token, StepState step) {
        fence(token);
    }

    /** Opened as the step starts: the same check as {@link #stepStarted}, which usually just confirmed the lease. */
    @Override
    public OutputStream openLog(ClaimToken token, String stepId) {
        confirmUnlessFresh(token);
        return new StepLogStream(logs, token.jobId(), stepId);
    }

    private void confirmUnlessFresh(ClaimToken token) {
        if (!fence(token).fresh(nanos.getAsLong())) {
            heartbeat(token, null);
        }
    }

    @Override
    public void jobFinished(ClaimToken token, Status status, Instant at, String error) {
        if (finished.contains(token)) {
            return; // already recorded: a repeat changes nothing
        }
        HeldLease held = fence(token);
        String outcome = status == Status.SUCCEEDED ? CompleteRequest.SUCCEEDED : CompleteRequest.FAILED;
        long deadline = System.nanoTime() + COMPLETE_DEADLINE.toNanos();
        Duration delay = Duration.ofMillis(500);
        while (true) {
            try {
                http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(token.jobId()) + ":complete",
                        new CompleteRequest(runnerId, token.epoch(), outcome, null, null, error),
                        ContractVersion.COORDINATION, false), JsonNode.class);
                finished.add(token);
                leases.remove(token.jobId(), held);
                if (status == Status.SUCCEEDED) {
                    watch.succeededHere(token.jobId(), held.attempt, held.claimedAt, at);
                }
                return;
            } catch (RemoteApiException e) {
                if (e.status() == 409) {
                    markLost(token);
                    throw new LeaseLostException(token, "the state server gave the job to another runner");
                }
                if ((e.status() != 0 && !e.retryable()) || System.nanoTime() > deadline) {
                    throw RemoteCalls.unavailable(e);
                }
                StateHttp.sleep(delay);
                delay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(16)) > 0 ? Duration.ofSeconds(16)
                        : delay.multipliedBy(2);
            }
        }
    }

    @Override
    public boolean jobNotRun(String jobId, Status status, Instant at, String reason) {
        return false; // the server derives skips from the graph; nothing to record remotely
    }

    @Override
    public Map<String, JobState> awaitJobs(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        return watch.await(jobIds, timeout);
    }

    @Override
    public boolean coordinatesDependencies() {
        return true;
    }

    /** The bearer this process acts with, and the GitHub request token that can mint one. */
    @Override
    public java.util.Collection<String> secretValues() {
        return http.credentialValues();
    }

    /** The project's secrets on the state server (docs/decisions/remote-secrets.md). */
    @Override
    public boolean resolvesSecrets() {
        return true;
    }

    @Override
    public Map<String, String> resolveSecrets(ClaimToken token, List<String> refs, List<String> optionalRefs) {
        fence(token);
        return secrets.resolve(token, refs, optionalRefs);
    }

    @Override
    public RunState read() {
        Map<String, JobState> jobs = JobStatuses.effective(watch.views());
        return new RunState(execId, planChecksum, JobStatuses.overall(jobs.values()), null, null, jobs);
    }

    /** A job known to have succeeded is answered from memory (it stays succeeded); else one read. */
    @Override
    public JobState readJob(String jobId) {
        JobState known = watch.knownSucceeded(jobId);
        if (known != null) {
            return known;
        }
        return JobStatuses.effective(watch.views()).getOrDefault(jobId, JobState.pending(jobId));
    }

    /**
     * The dependencies of a job this runner just claimed have all succeeded (the server grants no
     * other claim), and this runner has usually seen them succeed: no read then.
     */
    @Override
    public Map<String, JobState> readJobs(Collection<String> jobIds) {
        Map<String, JobState> states = new LinkedHashMap<>();
        for (String id : jobIds) {
            JobState known = watch.knownSucceeded(id);
            if (known == null) {
                Map<String, JobState> all = JobStatuses.effective(watch.views());
                states.clear();
                jobIds.forEach(jobId -> states.put(jobId, all.getOrDefault(jobId, JobState.pending(jobId))));
                return states;
            }
            states.put(id, known);
        }
        return states;
    }

    @Override
    public void finish(Status status, Instant at) {
        long undelivered = logs.drain(Duration.ofSeconds(30));
        if (undelivered > 0) {
            logs.spillRemaining();
            throw new StateUnavailableException(OrunException.EXIT_FAILURE, undelivered
                    + " log chunk(s) could not be delivered to the state server (kept in " + logs.spillFile() + ")",
                    null);
        }
    }

    @Override
    public void close() {
        logs.close();
    }

    /**
     * Remembers a lost lease: nothing more is sent under it, and the job counts as held elsewhere,
     * so a wait for it ends when the new holder finishes or lets go of it (the sweeper re-queues it).
     */
    private void markLost(ClaimToken token) {
        lost.add(token);
        watch.held(token.jobId());
    }

    /** The caller's lease, or {@link LeaseLostException} when it was lost or superseded. */
    private HeldLease fence(ClaimToken token) {
        HeldLease held = leases.get(token.jobId());
        if (lost.contains(token) || held == null || !held.token.equals(token)) {
            throw new LeaseLostException(token, "this runner no longer holds the job");
        }
        return held;
    }

    private String runPath() {
        return "/runs/" + runId;
    }
}
