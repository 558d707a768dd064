package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.AtomicFiles;
import dev.orun.exec.internal.records.BackgroundWriter;
import dev.orun.exec.internal.records.ExecutionLayout;
import dev.orun.exec.internal.records.Holder;
import dev.orun.exec.internal.records.Journal;
import dev.orun.exec.internal.records.JournalEntry;
import dev.orun.exec.internal.records.JournalLock;
import dev.orun.exec.internal.records.JobStates;
import dev.orun.exec.internal.records.Lease;
import dev.orun.exec.internal.records.LegacyStateMigration;
import dev.orun.exec.internal.records.PlanIds;
import dev.orun.exec.internal.records.Processes;
import dev.orun.exec.internal.records.RecordedRun;
import dev.orun.exec.internal.records.RecordsJson;
import dev.orun.exec.internal.records.RunFold;
import dev.orun.exec.internal.records.StateFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The local execution records: a {@link StateBackend} on files under
 * {@code <workspace>/.orun/executions/<exec-id>/}.
 *
 * <h2>On-disk format</h2>
 * <pre>
 * executions/&lt;exec-id&gt;/
 *   plan.json            the plan as run (canonical plan JSON), written at creation
 *   journal.jsonl        one JSON line per transition, appended, never rewritten (see JournalEntry)
 *   journal.lock         locked (one OS lock) around every append
 *   state.json           the state folded up to a journal offset (a compaction, see StateFile)
 *   metadata.json        {@link RunMetadata}, its job counts compacted with state.json
 *   logs/&lt;job&gt;/&lt;step&gt;.log raw step output, streamed while the step runs
 * </pre>
 * {@code <job>} and {@code <step>} are ids encoded as one file-name segment (letters, digits and
 * {@code @._-} kept, other bytes {@code %XX}); the exec id must pass {@link ExecIds#validate}.
 *
 * <h2>Why a journal</h2>
 * A transition (claim, step start or end, job end) is one line appended to the journal under the
 * run's single lock — no temp file, rename or fsync, and the same cost whatever the size of the
 * run (see {@code docs/decisions/0001-records-journal.md}). {@code state.json} and
 * {@code metadata.json} are rewritten (atomically) by a background thread at most every 500 ms when
 * something changed, and at the end; readers fold the snapshot and the journal after its offset.
 * A torn last line after a crash is ignored and cut off by the next writer.
 *
 * <h2>Claims</h2>
 * Under the lock the claimer reads the journal lines appended since it last looked and decides on
 * the whole history: {@code succeeded}/{@code failed} → {@code ALREADY_DONE}; held by a live
 * holder whose lease has not expired → {@code HELD_ELSEWHERE}; anything else — pending, skipped,
 * cancelled, or left {@code running} by a process that is gone — is granted with the next epoch.
 * A holder is alive while its backend is open (this JVM), or its process exists (this host); for
 * another host only the lease decides. Every later write is checked against the current epoch
 * under the same lock.
 *
 * <p>Thread-safe: job threads, the heartbeat thread and the waiter thread call it concurrently.
 */
public final class FileStateBackend implements StateBackend {

    private static final Duration COMPACTION_INTERVAL = Duration.ofMillis(500);
    private static final Duration AWAIT_POLL = Duration.ofMillis(50);
    private static final System.Logger LOG = System.getLogger(FileStateBackend.class.getName());

    private final Path orunDir;
    private final String execId;
    private final ExecutionLayout layout;
    private final Clock clock;
    private final Duration compactionInterval;
    private final Holder holder = Holder.forThisProcess();
    private final Map<String, Job> planJobs = new HashMap<>();
    /** Guards the fold and the journal's read position; taken inside the journal lock. */
    private final Object foldLock = new Object();
    private RecordedRun recorded;
    private Journal journal;
    private volatile RunMetadata metadata;
    private volatile String planChecksum;
    private volatile Optional<String> migratedExecId = Optional.empty();
    private volatile long compactedOffset = -1;
    /**
     * Serialises compactions from computing a snapshot to writing it: without it the background
     * writer could compute a snapshot, lose the CPU, and write it after {@link #finish}'s newer
     * one, leaving {@code state.json} at {@code running} for good (nothing changes afterwards, so
     * no later compaction repairs it). Never taken on the hot path; taken before {@link #foldLock}.
     */
    private final Object compactionLock = new Object();
    private final SnapshotWrites snapshotWrites;
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
        this(orunDir, execId, clock, compactionInterval, AtomicFiles::write);
    }

    /** @param snapshotWrites how {@code state.json} and {@code metadata.json} compactions reach the disk */
    FileStateBackend(Path orunDir, String execId, Clock clock, Duration compactionInterval,
                     SnapshotWrites snapshotWrites) {
        this.snapshotWrites = snapshotWrites;
        this.orunDir = orunDir.toAbsolutePath().normalize();
        this.execId = ExecIds.validate(execId);
        this.layout = ExecutionLayout.of(this.orunDir, execId);
        this.clock = clock;
        this.compactionInterval = compactionInterval;
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

    /** The recorded state without creating anything: pending and job-less when nothing is recorded. */
    @Override
    public Optional<RunState> peek() {
        return Optional.of(RecordedRun.load(layout, null).map(run -> run.state(execId))
                .orElseGet(() -> new RunState(execId, null, Status.PENDING, null, null, null)));
    }

    @Override
    public RunState open(RunDescriptor run) {
        if (!execId.equals(run.execId())) {
            throw new IllegalArgumentException("backend for " + execId + " cannot open " + run.execId());
        }
        Plan plan = run.plan();
        String checksum = plan.metadata().checksum() != null ? plan.metadata().checksum() : PlanJson.checksum(plan);
        plan.jobs().forEach(job -> planJobs.put(job.id(), job));
        RecordsWrites.run(layout.dir(), () -> Files.createDirectories(layout.dir()));
        Journal opened = new Journal(layout.journalFile(), layout.journalLock());
        try (JournalLock.Held ignored = opened.lock()) {
            Optional<RunMetadata> recordedMeta = readMetadataForResume();
            Optional<RecordedRun> existing = RecordedRun.load(layout, plan);
            if (existing.isPresent()) {
                join(run, checksum, recordedMeta, existing.get());
            } else {
                create(run, checksum);
            }
            recorded.fold().startedAtIfMissing(metadata.startedAt());
            synchronized (foldLock) {
                journal = opened;
                appendLocked(List.of(JournalEntry.open(clock.instant(), holder)));
            }
        } catch (RuntimeException e) {
            journal = null;
            opened.close();
            throw e;
        }
        compactNow();
        migratedExecId = LegacyStateMigration.migrateIfPresent(orunDir, clock);
        writer = new BackgroundWriter("orun-records-" + execId, this::compactIfChanged, compactionInterval);
        return read();
    }

    private Optional<RunMetadata> readMetadataForResume() {
        try {
            return RecordedRun.readMetadata(layout);
        } catch (InvalidInputException unreadable) {
            return Optional.empty(); // rewritten below from the journal and this run's descriptor
        }
    }

    private void create(RunDescriptor run, String checksum) {
        Instant now = clock.instant();
        planChecksum = checksum;
        RecordsWrites.atomic(layout.planFile(), PlanJson.toBytes(run.plan()));
        RunFold fold = new RunFold();
        planJobs.values().forEach(job -> fold.putIfAbsent(JobStates.seeded(job.id(), job, Status.PENDING, 0, null)));
        RecordsWrites.atomic(layout.stateFile(), RecordsJson.pretty(
                new StateFile(execId, checksum, Status.RUNNING, now, null, 0,
                        Map.of(), Map.of(), fold.toRunState(execId, checksum).jobs())));
        metadata = describe(run, checksum, now);
        recorded = RecordedRun.load(layout, run.plan()).orElseThrow();
    }

    private void join(RunDescriptor run, String checksum, Optional<RunMetadata> recordedMeta, RecordedRun existing) {
        String before = recordedMeta.map(RunMetadata::planChecksum).orElse(existing.planChecksum());
        if (before != null && !before.equals(checksum)) {
            throw new InvalidInputException("execution " + execId + " was started with plan "
                    + PlanIds.shortId(before) + ", not " + PlanIds.shortId(checksum)
                    + " (the plan changed since); resume it with its own plan: orun run .orun/executions/"
                    + execId + "/plan.json --exec-id " + execId + ", or start anew without --exec-id");
        }
        planChecksum = checksum;
        recorded = existing;
        planJobs.values().forEach(job -> existing.fold().putIfAbsent(
                JobStates.seeded(job.id(), job, Status.PENDING, 0, null)));
        if (!Files.exists(layout.planFile())) {
            RecordsWrites.atomic(layout.planFile(), PlanJson.toBytes(run.plan()));
        }
        Instant startedAt = recordedMeta.map(RunMetadata::startedAt)
                .or(() -> Optional.ofNullable(existing.fold().startedAt())).orElse(clock.instant());
        metadata = describe(run, checksum, startedAt);
    }

    private RunMetadata describe(RunDescriptor run, String checksum, Instant startedAt) {
        return new RunMetadata(execId, run.plan().metadata().name(), checksum, run.plan().planId(),
                run.runner(), run.user(), run.trigger(), Processes.host(), Processes.pid(),
                Status.RUNNING, startedAt, null, null, JobCounts.NONE);
    }

    @Override
    public void resetJob(String jobId) {
        locked(fold -> {
            Optional<Lease> lease = fold.lease(jobId);
            if (lease.isPresent() && lease.get().heldAgainst(holder, clock.instant())) {
                throw new InvalidInputException("job " + jobId + " is running in another process ("
                        + lease.get().holder().describe() + "); wait for it to finish before retrying it");
            }
            appendLocked(List.of(JournalEntry.reset(jobId)));
            return null;
        });
        RecordsWrites.run(layout.jobLogDir(jobId), () -> AtomicFiles.deleteTree(layout.jobLogDir(jobId)));
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        return locked(fold -> {
            JobState job = fold.job(jobId);
            if (RunFold.finishedForGood(job.status())) {
                return ClaimResult.alreadyDone(job.status());
            }
            Instant now = clock.instant();
            Optional<Lease> current = fold.lease(jobId);
            if (current.isPresent() && current.get().holder().id().equals(holder.id())) {
                return ClaimResult.claimed(new ClaimToken(jobId, current.get().epoch()), current.get().until());
            }
            if (current.isPresent() && current.get().heldAgainst(holder, now)) {
                return ClaimResult.heldElsewhere(job.status());
            }
            long epoch = fold.epoch(jobId) + 1;
            Instant until = now.plus(lease);
            appendLocked(List.of(JournalEntry.claim(jobId, epoch, now, until, holder)));
            return ClaimResult.claimed(new ClaimToken(jobId, epoch), until);
        });
    }

    @Override
    public void heartbeat(ClaimToken token, Duration lease) {
        fenced(token, fold -> JournalEntry.renew(token.jobId(), token.epoch(), clock.instant().plus(lease)));
    }

    @Override
    public void stepStarted(ClaimToken token, String stepId, Instant at) {
        fenced(token, fold -> JournalEntry.step(token.jobId(), token.epoch(),
                new StepState(stepId, Status.RUNNING, null, at, null, null)));
    }

    @Override
    public void stepFinished(ClaimToken token, StepState step) {
        fenced(token, fold -> JournalEntry.step(token.jobId(), token.epoch(), step));
    }

    @Override
    public OutputStream openLog(ClaimToken token, String stepId) {
        Path file = layout.stepLog(token.jobId(), stepId);
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            requireCurrent(token, recorded.fold());
        }
        return AtomicFiles.openTruncating(file);
    }

    /** Reads the whole log, rewrites it and replaces it atomically; only when the text changes. */
    @Override
    public boolean rewriteLog(ClaimToken token, String stepId, UnaryOperator<String> rewrite) {
        Path file = layout.stepLog(token.jobId(), stepId);
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            requireCurrent(token, recorded.fold());
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String rewritten = rewrite.apply(text);
            if (rewritten.equals(text)) {
                return false;
            }
            AtomicFiles.write(file, rewritten.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void jobFinished(ClaimToken token, Status status, Instant at, String error) {
        locked(fold -> {
            if (fold.job(token.jobId()).status().isTerminal()) {
                return null; // already recorded: finishing twice changes nothing
            }
            requireCurrent(token, fold);
            appendLocked(List.of(JournalEntry.end(token.jobId(), token.epoch(), status, at, error)));
            return null;
        });
    }

    @Override
    public boolean jobNotRun(String jobId, Status status, Instant at, String reason) {
        return locked(fold -> {
            if (RunFold.finishedForGood(fold.job(jobId).status())) {
                return false;
            }
            Optional<Lease> lease = fold.lease(jobId);
            if (lease.isPresent() && lease.get().heldAgainst(holder, clock.instant())) {
                return false;
            }
            appendLocked(List.of(JournalEntry.notRun(jobId, status, at, reason)));
            return true;
        });
    }

    @Override
    public Map<String, JobState> awaitJobs(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, JobState> actionable = new HashMap<>();
            synchronized (foldLock) {
                requireOpen();
                recorded.refresh();
                Instant now = clock.instant();
                for (String id : jobIds) {
                    JobState job = recorded.fold().job(id);
                    Optional<Lease> lease = recorded.fold().lease(id);
                    if (RunFold.finishedForGood(job.status()) || lease.isEmpty()
                            || !lease.get().heldAgainst(holder, now)) {
                        actionable.put(id, job);
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (!actionable.isEmpty() || left <= 0) {
                return actionable;
            }
            Thread.sleep(Math.max(1, Math.min(AWAIT_POLL.toMillis(), left / 1_000_000)));
        }
    }

    /** Exact: the snapshot plus every journal line appended so far, by any process. */
    @Override
    public RunState read() {
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            return recorded.fold().toRunState(execId, planChecksum);
        }
    }

    @Override
    public JobState readJob(String jobId) {
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            return recorded.fold().job(jobId);
        }
    }

    /** Only the jobs asked for, from the fold: no O(jobs) copy of the whole run. */
    @Override
    public Map<String, JobState> readJobs(Collection<String> jobIds) {
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            Map<String, JobState> states = new java.util.LinkedHashMap<>();
            for (String jobId : jobIds) {
                states.put(jobId, recorded.fold().job(jobId));
            }
            return states;
        }
    }

    /**
     * Records the end of this process's part. While another live process still holds a job of the
     * same run, the run stays {@code running}; the last one to finish sets the final status
     * ({@code failed} whenever a job failed).
     */
    @Override
    public void finish(Status status, Instant at) {
        boolean recordedEnd = locked(fold -> {
            Instant now = clock.instant();
            boolean othersRunning = fold.leases().values().stream().anyMatch(lease -> lease.heldAgainst(holder, now));
            if (othersRunning) {
                return false;
            }
            boolean anyFailed = fold.toRunState(execId, planChecksum).jobs().values().stream()
                    .anyMatch(job -> job.status() == Status.FAILED);
            Status end = status == Status.SUCCEEDED && anyFailed ? Status.FAILED : status;
            appendLocked(List.of(JournalEntry.run(end, at)));
            return true;
        });
        if (recordedEnd || compactedOffset != recorded.tail().offset()) {
            compactNow();
        }
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
            if (journal != null) {
                releaseHeldJobs();
                compactIfChanged();
            }
        } catch (RuntimeException e) {
            // the run already reported (or will report) the failure that broke the records; closing
            // must not hide it, and the lock and the holder go away with this process regardless
            LOG.log(System.Logger.Level.DEBUG, "closing the records of " + execId + " failed", e);
        } finally {
            holder.retire();
            if (journal != null) {
                journal.close();
            }
        }
    }

    /** Gives up the jobs this backend still holds unfinished, so others may claim them at once. */
    private void releaseHeldJobs() {
        locked(fold -> {
            List<JournalEntry> releases = new ArrayList<>();
            fold.leases().forEach((jobId, lease) -> {
                if (lease.holder().id().equals(holder.id())) {
                    releases.add(JournalEntry.release(jobId, lease.epoch()));
                }
            });
            if (!releases.isEmpty()) {
                appendLocked(releases);
            }
            return null;
        });
    }

    /** A fenced transition: refused unless {@code token} is the job's current claim by this backend. */
    private void fenced(ClaimToken token, java.util.function.Function<RunFold, JournalEntry> entry) {
        locked(fold -> {
            requireCurrent(token, fold);
            appendLocked(List.of(entry.apply(fold)));
            return null;
        });
    }

    private void requireCurrent(ClaimToken token, RunFold fold) {
        Optional<Lease> lease = fold.lease(token.jobId());
        if (fold.epoch(token.jobId()) != token.epoch()) {
            throw new LeaseLostException(token, "the job was claimed again since (epoch "
                    + fold.epoch(token.jobId()) + ")");
        }
        if (lease.isEmpty() || !lease.get().holder().id().equals(holder.id())) {
            throw new LeaseLostException(token, "the claim was released or the job was reset");
        }
    }

    /** Runs {@code action} under the journal lock on a fold caught up with every append. */
    private <T> T locked(java.util.function.Function<RunFold, T> action) {
        requireOpen();
        try (JournalLock.Held ignored = journal.lock()) {
            synchronized (foldLock) {
                recorded.refresh();
                return action.apply(recorded.fold());
            }
        }
    }

    /** Appends and applies entries; the caller holds the journal lock and the fold lock. */
    private void appendLocked(List<JournalEntry> entries) {
        journal.append(recorded.tail(), entries);
        entries.forEach(recorded.fold()::apply);
    }

    private void compactIfChanged() {
        if (journal != null && recorded.tail().offset() != compactedOffset) {
            compactNow();
        }
    }

    /**
     * Rewrites state.json and metadata.json from the fold (atomically; never on the hot path). The
     * whole compaction holds {@link #compactionLock}, so snapshots reach the disk in journal order
     * and the last one written is the newest.
     */
    private void compactNow() {
        synchronized (compactionLock) {
            StateFile snapshot;
            RunMetadata meta;
            synchronized (foldLock) {
                recorded.refresh();
                RunFold fold = recorded.fold();
                long offset = recorded.tail().offset();
                snapshot = fold.toSnapshot(execId, planChecksum, offset);
                meta = metadata.withProgress(fold.status(), fold.finishedAt(), JobCounts.of(snapshot.jobs().values()));
                metadata = meta;
                compactedOffset = offset;
            }
            snapshotWrites.write(layout.stateFile(), RecordsJson.pretty(snapshot));
            snapshotWrites.write(layout.metadataFile(), RecordsJson.pretty(meta));
        }
    }

    /** Writes one compacted file whole (atomically in production). */
    @FunctionalInterface
    interface SnapshotWrites {
        void write(Path file, byte[] bytes);
    }

    private void requireOpen() {
        if (recorded == null || journal == null) {
            throw new IllegalStateException("execution " + execId + " is not open");
        }
    }

    /** Runs a records write, turning an I/O failure into a one-line error naming the path. */
    static final class RecordsWrites {
        private RecordsWrites() {
        }

        interface IoAction {
            void run() throws IOException;
        }

        static void run(Path path, IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + dev.orun.exec.internal.records.IoReasons.of(e), e);
            }
        }

        static void atomic(Path file, byte[] bytes) {
            AtomicFiles.write(file, bytes);
        }
    }
}
