package dev.orun.remote.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
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
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.HeartbeatRequest;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.JobSpec;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.WireEvent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StateBackend} over an orun state server: the run is created once (idempotently, keyed
 * by the wire run id), jobs are claimed with the server's coordination verbs, which grant a job
 * only when its dependencies succeeded and only to one runner at a time; lease epochs fence every
 * later write. Logs are shipped in the background by a {@link LogShipper}. Thread-safe.
 */
public final class RemoteStateBackend implements StateBackend {
    private static final Duration RUN_VISIBLE_WINDOW = Duration.ofMinutes(2);
    private static final Duration COMPLETE_DEADLINE = Duration.ofSeconds(90);
    private static final Duration LONG_POLL_MAX = Duration.ofSeconds(25);

    private final StateHttp http;
    private final String execId;
    private final String runId;
    private final String runnerId;
    private final LogShipper logs;
    private final RemoteSecrets secrets;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final Set<ClaimToken> lost = ConcurrentHashMap.newKeySet();
    private final Set<String> retrying = ConcurrentHashMap.newKeySet();
    private final Set<String> seenHeld = ConcurrentHashMap.newKeySet();
    private final Set<ClaimToken> finished = ConcurrentHashMap.newKeySet();
    private volatile Set<String> lastWaited = Set.of();
    private volatile int heartbeatSeconds = 20;
    private volatile long eventCursor;
    private volatile String planChecksum;

    /** The lease this process holds on a job, and when it last told the server it is alive. */
    private record Lease(ClaimToken token) {
    }

    public RemoteStateBackend(StateHttp http, String execId, String runnerId, Path spillDir) {
        this.http = http;
        this.execId = execId;
        this.runId = RunIds.wireRunId(execId);
        this.runnerId = runnerId;
        this.secrets = new RemoteSecrets(http, runId, runnerId);
        this.logs = new LogShipper(http, runId, runnerId,
                spillDir.resolve("orun-logspill-" + execId.replaceAll("[^A-Za-z0-9._-]", "_") + ".ndjson"));
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
        call(() -> {
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
        long deadline = System.nanoTime() + RUN_VISIBLE_WINDOW.toNanos();
        while (true) {
            ClaimResponse r;
            try {
                r = http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(jobId) + ":claim",
                        new ClaimRequest(runnerId, null, null, retrying.contains(jobId) ? Boolean.TRUE : null),
                        ContractVersion.COORDINATION, true), ClaimResponse.class);
            } catch (RemoteApiException e) {
                if (e.status() == 404 && System.nanoTime() < deadline) {
                    StateHttp.sleep(Duration.ofSeconds(2)); // the run is not visible yet
                    continue;
                }
                throw unavailable(e);
            }
            if (r.claimed()) {
                retrying.remove(jobId);
                ClaimToken token = new ClaimToken(jobId, r.leaseEpoch());
                if (r.heartbeatIntervalSeconds() != null && r.heartbeatIntervalSeconds() > 0) {
                    heartbeatSeconds = r.heartbeatIntervalSeconds();
                }
                leases.put(jobId, new Lease(token));
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
                    // read the job itself rather than trusting a summary: it may have just succeeded
                    return ClaimResult.alreadyDone(readJob(jobId).status());
                default:
                    seenHeld.add(jobId);
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
        fence(token);
        try {
            HeartbeatResponse r = http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(token.jobId())
                    + ":heartbeat", new HeartbeatRequest(runnerId, token.epoch()), ContractVersion.COORDINATION, false),
                    HeartbeatResponse.class);
            if (r.heartbeatIntervalSeconds() > 0) {
                heartbeatSeconds = r.heartbeatIntervalSeconds();
            }
        } catch (RemoteApiException e) {
            if (e.status() == 409) {
                markLost(token);
                throw new LeaseLostException(token, "the state server gave the job to another runner");
            }
            // transport trouble: the next tick tries again; the lease outlives two missed beats
        }
    }

    /** A step starts only while the server still says this runner holds the job (a heartbeat). */
    @Override
    public void stepStarted(ClaimToken token, String stepId, Instant at) {
        heartbeat(token, null);
    }

    @Override
    public void stepFinished(ClaimToken token, StepState step) {
        fence(token);
    }

    @Override
    public OutputStream openLog(ClaimToken token, String stepId) {
        heartbeat(token, null);
        String header = "=== " + stepId + " ===\n";
        return new OutputStream() {
            private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                buffer.write(b);
                if (buffer.size() >= 64 * 1024) {
                    ship();
                }
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
                if (buffer.size() >= 64 * 1024) {
                    ship();
                }
            }

            @Override
            public synchronized void close() {
                ship();
            }

            private void ship() {
                if (buffer.size() > 0) {
                    logs.offer(token.jobId(), header + buffer.toString(StandardCharsets.UTF_8));
                    buffer.reset();
                }
            }
        };
    }

    @Override
    public void jobFinished(ClaimToken token, Status status, Instant at, String error) {
        if (finished.contains(token)) {
            return; // already recorded: a repeat changes nothing
        }
        fence(token);
        String outcome = status == Status.SUCCEEDED ? CompleteRequest.SUCCEEDED : CompleteRequest.FAILED;
        long deadline = System.nanoTime() + COMPLETE_DEADLINE.toNanos();
        Duration delay = Duration.ofMillis(500);
        while (true) {
            try {
                http.json(StateHttp.Call.post(runPath() + "/jobs/" + StateHttp.segment(token.jobId()) + ":complete",
                        new CompleteRequest(runnerId, token.epoch(), outcome, null, null, error),
                        ContractVersion.COORDINATION, false), JsonNode.class);
                finished.add(token);
                leases.remove(token.jobId(), leases.get(token.jobId()));
                return;
            } catch (RemoteApiException e) {
                if (e.status() == 409) {
                    markLost(token);
                    throw new LeaseLostException(token, "the state server gave the job to another runner");
                }
                if ((e.status() != 0 && !e.retryable()) || System.nanoTime() > deadline) {
                    throw unavailable(e);
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

    /**
     * Reads the jobs list only when it can have changed for the jobs waited for: when a job was not
     * waited for in the previous call, then only after the event log shows one of them changing hands or ending,
     * or any job failing (a failure can end a wait on its dependents). Heartbeats and log chunks
     * of other jobs wake the long-poll but cost no read, so many runners waiting on a large run do
     * not each pull its whole job list on every event.
     */
    @Override
    public Map<String, JobState> awaitJobs(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        // a job not waited for in the previous call may have changed while nobody looked
        boolean fresh = !lastWaited.containsAll(jobIds);
        lastWaited = Set.copyOf(jobIds);
        if (fresh) {
            Map<String, JobState> ready = actionable(jobIds);
            if (!ready.isEmpty()) {
                return ready;
            }
        }
        long waitSeconds = Math.max(1, Math.min(timeout.toSeconds(), LONG_POLL_MAX.toSeconds()));
        EventPage page = call(() -> http.json(StateHttp.Call.get(runPath() + "/log?from=" + eventCursor + "&wait="
                + waitSeconds, ContractVersion.COORDINATION).timeout(StateHttp.REQUEST_TIMEOUT.plusSeconds(waitSeconds)),
                EventPage.class));
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        List<WireEvent> events = page.events() == null ? List.of() : page.events();
        boolean relevant = false;
        for (WireEvent e : events) {
            relevant |= concerns(e, jobIds);
        }
        if (!events.isEmpty()) {
            eventCursor = Math.max(eventCursor, events.get(events.size() - 1).seq());
        } else if (page.head() != null && page.head().seq() < eventCursor) {
            relevant = true; // the log is shorter than what we saw: another server's database; look again
            eventCursor = page.head().seq();
        }
        return relevant ? actionable(jobIds) : Map.of();
    }

    private static boolean concerns(WireEvent e, Collection<String> jobIds) {
        if (e.jobId() == null || WireEvent.JOB_FAILED.equals(e.kind())) {
            return true;
        }
        return jobIds.contains(e.jobId()) && !WireEvent.JOB_LEASE_RENEWED.equals(e.kind())
                && !WireEvent.JOB_LOG_CHUNK.equals(e.kind());
    }

    /** Jobs that ended (or can never run), or that their holder let go (so they may be claimed again). */
    private Map<String, JobState> actionable(Collection<String> jobIds) {
        Map<String, RunJobView> views = jobViews();
        Map<String, JobState> states = JobStatuses.effective(views);
        Map<String, JobState> out = new LinkedHashMap<>();
        for (String id : jobIds) {
            RunJobView v = views.get(id);
            JobState state = states.get(id);
            if (v == null) {
                continue;
            }
            // a lapsed lease is the server's to judge (its clock): its sweeper re-queues the job
            boolean released = state.status() == Status.PENDING && seenHeld.remove(id);
            if (state.status().isTerminal() || released) {
                out.put(id, state);
            }
        }
        return out;
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
        Map<String, JobState> jobs = JobStatuses.effective(jobViews());
        return new RunState(execId, planChecksum, JobStatuses.overall(jobs.values()), null, null, jobs);
    }

    @Override
    public JobState readJob(String jobId) {
        return JobStatuses.effective(jobViews()).getOrDefault(jobId, JobState.pending(jobId));
    }

    private Map<String, RunJobView> jobViews() {
        JobList list = call(() -> http.json(StateHttp.Call.get(runPath() + "/jobs", ContractVersion.REST), JobList.class));
        Map<String, RunJobView> byId = new LinkedHashMap<>();
        list.jobs().forEach(j -> byId.put(j.jobId(), j));
        return byId;
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
        seenHeld.add(token.jobId());
    }

    /** The caller's lease, or {@link LeaseLostException} when it was lost or superseded. */
    private Lease fence(ClaimToken token) {
        Lease held = leases.get(token.jobId());
        if (lost.contains(token) || held == null || !held.token().equals(token)) {
            throw new LeaseLostException(token, "this runner no longer holds the job");
        }
        return held;
    }

    private String runPath() {
        return "/runs/" + runId;
    }

    private <T> T call(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (RemoteApiException e) {
            throw unavailable(e);
        }
    }

    private static StateUnavailableException unavailable(RemoteApiException e) {
        int exit = e.status() >= 400 && e.status() < 500 ? OrunException.EXIT_INVALID : OrunException.EXIT_FAILURE;
        return new StateUnavailableException(exit, e.getMessage(), e);
    }
}
