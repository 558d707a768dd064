package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.AtomicFiles;
import dev.orun.exec.internal.records.BackgroundWriter;
import dev.orun.exec.internal.records.ExecutionLayout;
import dev.orun.exec.internal.records.FileLocks;
import dev.orun.exec.internal.records.JobClaims;
import dev.orun.exec.internal.records.JobStateFiles;
import dev.orun.exec.internal.records.JobStates;
import dev.orun.exec.internal.records.LegacyStateMigration;
import dev.orun.exec.internal.records.PlanIds;
import dev.orun.exec.internal.records.Processes;
import dev.orun.exec.internal.records.RecordsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * The local execution records: a {@link StateBackend} on files under
 * {@code <workspace>/.orun/executions/<exec-id>/}.
 *
 * <h2>On-disk format</h2>
 * <pre>
 * executions/&lt;exec-id&gt;/
 *   plan.json                 the plan as run (canonical plan JSON), written at creation
 *   metadata.json             {@link RunMetadata}: exec id, plan name/checksum/id, runner, user,
 *                             trigger, host, pid, status, startedAt, finishedAt, durationMs,
 *                             job counts by status
 *   state.json                the compacted {@link RunState}: {execId, planChecksum, status,
 *                             startedAt, finishedAt, jobs: {&lt;job-id&gt;: JobState}}
 *   jobs/&lt;job&gt;.json            one {@link JobState} per job touched since creation (newer than
 *                             state.json's entry for that job whenever both exist)
 *   logs/&lt;job&gt;/&lt;step&gt;.log      raw step output, streamed while the step runs
 *   claims/&lt;job&gt;.lock           locked (OS file lock) by the process running the job
 *   claims/&lt;job&gt;.owner.json     {jobId, pid, host, claimedAt, leaseExpiresAt} of that process
 *   .open.lock                serialises processes creating or joining the run
 * </pre>
 * {@code <job>} and {@code <step>} are ids encoded as one file-name segment (letters, digits and
 * {@code @._-} kept, other bytes {@code %XX}); the exec id must pass {@link ExecIds#validate}.
 *
 * <h2>Why per-job files</h2>
 * A transition (claim, step start/end, job end) rewrites only its job's small file, atomically, so
 * its cost does not grow with the number of jobs. {@code state.json} and the counts in
 * {@code metadata.json} are rewritten at creation, at {@link #finish}, on {@link #close}, and in
 * between by a background thread at most once per compaction interval (1 s) when something
 * changed. {@link #read()} (and {@link ExecutionRecords}) merge {@code state.json} with the job
 * files, so they are exact even between compactions; tools reading {@code state.json} alone see a
 * state at most about a second old while the run is in progress, and the exact one after it ends.
 *
 * <h2>Durability</h2>
 * Job-level transitions are written before the call returns: a claim (so a crash leaves the job
 * visibly {@code running}), a job's end (so no one re-runs a finished job) and {@link #resetJob}.
 * Step starts and ends are written by a background flush within 100 ms, several of a job's
 * transitions coalescing into one write; a crash loses at most the last 100 ms of step detail of
 * a job that is re-run anyway. {@link #read()} in this process is always exact.
 *
 * <h2>Claims</h2>
 * {@link #claim} takes {@code claims/<job>.lock} and keeps it until {@link #jobFinished} (or
 * {@link #close}); the OS drops the lock when the process dies. Under the lock the job's state is
 * re-read from disk: {@code succeeded} or {@code failed} → {@code ALREADY_DONE}; anything else —
 * pending, skipped, cancelled, or {@code running} left by a dead process — is claimed and restarts
 * as attempt n+1. A lock held by a live process → {@code HELD_ELSEWHERE}. On a file system without
 * locking, the owner record's lease decides instead.
 *
 * <p>Thread-safe: the engine's job threads may call it concurrently; updates of one job are
 * serialised, different jobs proceed in parallel.
 */
public final class FileStateBackend implements StateBackend {

    private static final Duration COMPACTION_INTERVAL = Duration.ofSeconds(1);
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

    private final Path orunDir;
    private final String execId;
    private final ExecutionLayout layout;
    private final Clock clock;
    private final Duration compactionInterval;
    private final JobStateFiles jobFiles;
    private final JobClaims claims;
    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
    private final Map<Path, Object> monitors = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** Jobs whose latest state is only in memory so far (see "Durability" above). */
    private final Set<String> unflushed = ConcurrentHashMap.newKeySet();
    private final Object compactionLock = new Object();
    private final Map<String, Job> planJobs = new HashMap<>();
    private volatile RunMetadata metadata;
    private volatile String planChecksum;
    private volatile Optional<String> migratedExecId = Optional.empty();
    private BackgroundWriter writer;
    private boolean closed;

    /**
     * @param orunDir the workspace's {@code .orun} directory
     * @param execId  the execution id; refused (exit 2) unless {@link ExecIds#validate} accepts it
     */
    public FileStateBackend(Path orunDir, String execId) {
        this(orunDir, execId, Clock.systemUTC(), COMPACTION_INTERVAL);
    }

    FileStateBackend(Path orunDir, String execId, Clock clock, Duration compactionInterval) {
        this.orunDir = orunDir.toAbsolutePath().normalize();
        this.execId = ExecIds.validate(execId);
        this.layout = ExecutionLayout.of(this.orunDir, execId);
        this.clock = clock;
        this.compactionInterval = compactionInterval;
        this.jobFiles = new JobStateFiles(layout);
        this.claims = new JobClaims(layout, clock);
    }

    public String execId() {
        return execId;
    }

    /** {@code .orun/executions/<exec-id>}. */
    public Path executionDir() {
        return layout.dir();
    }

    /** Where {@link #openLog} writes a step's output. */
    public Path logFile(String jobId, String stepId) {
        return layout.stepLog(jobId, stepId);
    }

    /** The exec id a legacy {@code .orun-state.json} was migrated to by {@link #open}, if it was. */
    public Optional<String> migratedLegacyState() {
        return migratedExecId;
    }

    @Override
    public RunState open(RunDescriptor run) {
        if (!execId.equals(run.execId())) {
            throw new IllegalArgumentException("backend for " + execId + " cannot open " + run.execId());
        }
        Plan plan = run.plan();
        String checksum = plan.metadata().checksum() != null ? plan.metadata().checksum() : PlanJson.checksum(plan);
        plan.jobs().forEach(job -> planJobs.put(job.id(), job));
        try {
            Files.createDirectories(layout.dir());
            try (FileLocks.Held ignored = FileLocks.lock(layout.openLock())) {
                Optional<RunMetadata> recordedMeta = RecordsJson.read(layout.metadataFile(), RunMetadata.class);
                Optional<RunState> recordedState = RecordsJson.read(layout.stateFile(), RunState.class);
                if (recordedMeta.isPresent() || recordedState.isPresent()) {
                    join(run, checksum, recordedMeta, recordedState);
                } else {
                    create(run, checksum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open execution " + execId + ": " + e.getMessage(), e);
        }
        migratedExecId = LegacyStateMigration.migrateIfPresent(orunDir, clock);
        startBackgroundWriter();
        return read();
    }

    private void create(RunDescriptor run, String checksum) {
        Instant now = clock.instant();
        planChecksum = checksum;
        planJobs.keySet().forEach(id -> jobs.put(id, seeded(id, Status.PENDING, 0, null)));
        AtomicFiles.write(layout.planFile(), PlanJson.toBytes(run.plan()));
        AtomicFiles.write(layout.stateFile(), RecordsJson.pretty(
                new RunState(execId, checksum, Status.RUNNING, now, null, jobs)));
        metadata = new RunMetadata(execId, run.plan().metadata().name(), checksum, run.plan().planId(),
                run.runner(), run.user(), run.trigger(), Processes.host(), Processes.pid(),
                Status.RUNNING, now, null, null, JobCounts.of(jobs.values()));
        AtomicFiles.write(layout.metadataFile(), RecordsJson.pretty(metadata));
    }

    private void join(RunDescriptor run, String checksum, Optional<RunMetadata> recordedMeta,
                      Optional<RunState> recordedState) {
        String recorded = recordedMeta.map(RunMetadata::planChecksum)
                .or(() -> recordedState.map(RunState::planChecksum)).orElse(null);
        if (recorded != null && !recorded.equals(checksum)) {
            throw new InvalidInputException("execution " + execId + " was started with plan "
                    + PlanIds.shortId(recorded) + ", not " + PlanIds.shortId(checksum)
                    + " (the plan changed since); resume it with its own plan: orun run .orun/executions/"
                    + execId + "/plan.json --exec-id " + execId + ", or start anew without --exec-id");
        }
        planChecksum = checksum;
        recordedState.ifPresent(state -> jobs.putAll(state.jobs()));
        planJobs.keySet().forEach(id -> jobs.computeIfAbsent(id, missing -> seeded(missing, Status.PENDING, 0, null)));
        Instant startedAt = recordedMeta.map(RunMetadata::startedAt)
                .or(() -> recordedState.map(RunState::startedAt)).orElse(clock.instant());
        if (!Files.exists(layout.planFile())) {
            AtomicFiles.write(layout.planFile(), PlanJson.toBytes(run.plan()));
        }
        metadata = new RunMetadata(execId, run.plan().metadata().name(), checksum, run.plan().planId(),
                run.runner(), run.user(), run.trigger(), Processes.host(), Processes.pid(),
                Status.RUNNING, startedAt, null, null, JobCounts.NONE);
        compact(Status.RUNNING, null);
    }

    @Override
    public void resetJob(String jobId) {
        requireOpen();
        if (claims.heldElsewhere(jobId)) {
            String who = claims.owner(jobId).map(owner -> " (" + owner.describe() + ")").orElse("");
            throw new InvalidInputException("job " + jobId + " is running in another process" + who
                    + "; wait for it to finish before retrying it");
        }
        claims.release(jobId);
        update(jobId, current -> seeded(jobId, Status.PENDING, 0, null), true);
        AtomicFiles.deleteTree(layout.jobLogDir(jobId));
        try {
            Files.deleteIfExists(layout.claimOwner(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        requireOpen();
        if (claims.holds(jobId)) {
            return ClaimResult.claimed();
        }
        if (!claims.tryLock(jobId)) {
            Status seen = jobFiles.readFresh(jobId).map(JobState::status).orElse(Status.RUNNING);
            return new ClaimResult(ClaimResult.Outcome.HELD_ELSEWHERE, seen);
        }
        Path file = layout.jobFile(jobId);
        synchronized (monitorFor(file)) {
            JobState current = jobFiles.readFresh(jobId)
                    .orElseGet(() -> jobs.getOrDefault(jobId, JobState.pending(jobId)));
            if (current.status() == Status.SUCCEEDED || current.status() == Status.FAILED) {
                jobs.put(jobId, current);
                claims.release(jobId);
                return new ClaimResult(ClaimResult.Outcome.ALREADY_DONE, current.status());
            }
            claims.recordOwner(jobId, lease);
            JobState running = seeded(jobId, Status.RUNNING, current.attempts() + 1, clock.instant());
            jobs.put(jobId, running);
            jobFiles.write(running);
            unflushed.remove(jobId);
        }
        dirty.set(true);
        return ClaimResult.claimed();
    }

    @Override
    public void heartbeat(String jobId, Duration lease) {
        claims.renew(jobId, lease);
    }

    @Override
    public void stepStarted(String jobId, String stepId, Instant at) {
        requireOpen();
        update(jobId, job -> JobStates.withStep(job, new StepState(stepId, Status.RUNNING, null, at, null, null)), false);
    }

    @Override
    public void stepFinished(String jobId, StepState step) {
        requireOpen();
        update(jobId, job -> JobStates.withStep(job, step), false);
    }

    @Override
    public void jobFinished(String jobId, Status status, Instant at, String error) {
        requireOpen();
        if (!claims.holds(jobId)) {
            if (claims.heldElsewhere(jobId)) {
                return; // another live process runs this job and will record its end
            }
            Optional<JobState> recorded = jobFiles.readFresh(jobId);
            if (recorded.isPresent() && (recorded.get().status() == Status.SUCCEEDED
                    || recorded.get().status() == Status.FAILED)) {
                jobs.put(jobId, recorded.get());
                return; // another process ran it to its end; a late "skipped" must not erase that
            }
        }
        try {
            update(jobId, job -> JobStates.finished(job, status, at, error), true);
        } finally {
            claims.release(jobId);
        }
    }

    @Override
    public OutputStream openLog(String jobId, String stepId) {
        return AtomicFiles.openTruncating(layout.stepLog(jobId, stepId));
    }

    /** Exact: the compacted state merged with every job file changed since this backend last looked. */
    @Override
    public RunState read() {
        requireOpen();
        jobFiles.scanChanged(this::monitorFor, (file, state) -> jobs.put(state.jobId(), state));
        RunMetadata meta = metadata;
        return new RunState(execId, planChecksum, meta.status(), meta.startedAt(), meta.finishedAt(), jobs);
    }

    /**
     * Records the end of this process's part. While another live process still holds a job of the
     * same run, the run stays {@code running}; the last one to finish sets the final status
     * ({@code failed} whenever a job failed).
     */
    @Override
    public void finish(Status status, Instant at) {
        requireOpen();
        boolean othersRunning = claims.recordedOwners().stream()
                .filter(id -> !claims.holds(id)).anyMatch(claims::heldElsewhere);
        if (othersRunning) {
            compact(Status.RUNNING, null);
            return;
        }
        RunState state = read();
        boolean anyFailed = state.jobs().values().stream().anyMatch(job -> job.status() == Status.FAILED);
        Status end = status == Status.SUCCEEDED && anyFailed ? Status.FAILED : status;
        compact(end, at);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writer != null) {
            writer.close();
        }
        try {
            if (metadata != null && (dirty.get() || !unflushed.isEmpty())) {
                compact();
            }
        } finally {
            claims.close();
        }
    }

    /** Applies a transition; {@code durable} writes the job file now, else within the flush interval. */
    private void update(String jobId, UnaryOperator<JobState> change, boolean durable) {
        Path file = layout.jobFile(jobId);
        synchronized (monitorFor(file)) {
            JobState next = change.apply(jobs.getOrDefault(jobId, seeded(jobId, Status.PENDING, 0, null)));
            jobs.put(jobId, next);
            if (durable) {
                jobFiles.write(next);
                unflushed.remove(jobId);
            } else {
                unflushed.add(jobId);
            }
        }
        dirty.set(true);
    }

    /** Writes the job files of transitions kept in memory so far (several coalesce into one write). */
    private void flush() {
        for (String jobId : List.copyOf(unflushed)) {
            synchronized (monitorFor(layout.jobFile(jobId))) {
                if (unflushed.remove(jobId)) {
                    jobFiles.write(jobs.get(jobId));
                }
            }
        }
    }

    /** Rewrites state.json and metadata.json from the merged state, with the run's current status. */
    private void compact() {
        synchronized (compactionLock) {
            compact(metadata.status(), metadata.finishedAt());
        }
    }

    /** Rewrites state.json and metadata.json from the merged state. */
    private void compact(Status status, Instant finishedAt) {
        synchronized (compactionLock) {
            dirty.set(false);
            try {
                flush();
                RunState merged = read();
                RunMetadata meta = metadata.withProgress(status, finishedAt, JobCounts.of(merged.jobs().values()));
                metadata = meta;
                AtomicFiles.write(layout.stateFile(), RecordsJson.pretty(new RunState(execId, planChecksum,
                        status, meta.startedAt(), finishedAt, merged.jobs())));
                AtomicFiles.write(layout.metadataFile(), RecordsJson.pretty(meta));
            } catch (RuntimeException e) {
                dirty.set(true);
                throw e;
            }
        }
    }

    private void startBackgroundWriter() {
        writer = new BackgroundWriter("orun-records-" + execId, this::flush, FLUSH_INTERVAL, () -> {
            if (dirty.get()) {
                compact();
            }
        }, compactionInterval);
    }

    private JobState seeded(String jobId, Status status, int attempts, Instant startedAt) {
        return JobStates.seeded(jobId, planJobs.get(jobId), status, attempts, startedAt);
    }

    private Object monitorFor(Path jobFile) {
        return monitors.computeIfAbsent(jobFile, key -> new Object());
    }

    private void requireOpen() {
        if (metadata == null) {
            throw new IllegalStateException("execution " + execId + " is not open");
        }
    }
}
