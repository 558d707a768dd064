package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunDescriptor;
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
import dev.orun.exec.internal.records.LeaseRules;
import dev.orun.exec.internal.records.LegacyStateMigration;
import dev.orun.exec.internal.records.RecordedRun;
import dev.orun.exec.internal.records.RecordsWrites;
import dev.orun.exec.internal.records.RunOpening;
import dev.orun.exec.internal.records.RunSnapshots;
import dev.orun.exec.internal.records.SnapshotWrites;
import dev.orun.exec.internal.records.RunFold;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The local execution records: a {@link StateBackend} on files under
 * {@code <workspace>/.orun/executions/<exec-id>/}.
 *
 * <p>The files are described on {@link ExecutionLayout}.
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
 * Decided under the lock on the whole history by {@link LeaseRules}; every later write is checked
 * against the current epoch under the same lock.
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
    private final LeaseRules rules;
    private final Map<String, Job> planJobs = new HashMap<>();
    /** Guards the fold and the journal's read position; taken inside the journal lock. */
    private final Object foldLock = new Object();
    private RecordedRun recorded;
    private Journal journal;
    private volatile String planChecksum;
    private volatile Optional<String> migratedExecId = Optional.empty();
    private final RunSnapshots snapshots;
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
        this.orunDir = orunDir.toAbsolutePath().normalize();
        this.execId = ExecIds.validate(execId);
        this.layout = ExecutionLayout.of(this.orunDir, execId);
        this.snapshots = new RunSnapshots(layout, this.execId, snapshotWrites);
        this.clock = clock;
        this.rules = new LeaseRules(holder, clock);
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
            RunOpening.Opened opening = new RunOpening(layout, execId, clock).open(run, checksum, planJobs.values());
            recorded = opening.recorded();
            planChecksum = opening.planChecksum();
            snapshots.describe(opening.metadata(), opening.planChecksum());
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

    @Override
    public void resetJob(String jobId) {
        locked(fold -> {
            if (rules.heldElsewhere(fold, jobId)) {
                throw new InvalidInputException("job " + jobId + " is running in another process ("
                        + fold.lease(jobId).orElseThrow().holder().describe()
                        + "); wait for it to finish before retrying it");
            }
            appendLocked(List.of(JournalEntry.reset(jobId)));
            return null;
        });
        RecordsWrites.run(layout.jobLogDir(jobId), () -> AtomicFiles.deleteTree(layout.jobLogDir(jobId)));
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        return locked(fold -> rules.claim(fold, jobId, lease, entry -> appendLocked(List.of(entry))));
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
        requireCurrentClaim(token);
        return AtomicFiles.openTruncating(layout.stepLog(token.jobId(), stepId));
    }

    /** Reads the whole log, rewrites it and replaces it atomically; only when the text changes. */
    @Override
    public boolean rewriteLog(ClaimToken token, String stepId, UnaryOperator<String> rewrite) {
        requireCurrentClaim(token);
        return AtomicFiles.rewrite(layout.stepLog(token.jobId(), stepId), rewrite);
    }

    private void requireCurrentClaim(ClaimToken token) {
        caughtUp(fold -> {
            rules.requireCurrent(token, fold);
            return null;
        });
    }

    @Override
    public void jobFinished(ClaimToken token, Status status, Instant at, String error) {
        locked(fold -> {
            if (fold.job(token.jobId()).status().isTerminal()) {
                return null; // already recorded: finishing twice changes nothing
            }
            rules.requireCurrent(token, fold);
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
            if (rules.heldElsewhere(fold, jobId)) {
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
            Map<String, JobState> actionable = caughtUp(fold -> rules.actionable(fold, jobIds));
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
        return caughtUp(fold -> fold.toRunState(execId, planChecksum));
    }

    @Override
    public JobState readJob(String jobId) {
        return caughtUp(fold -> fold.job(jobId));
    }

    /** Only the jobs asked for, from the fold: no O(jobs) copy of the whole run. */
    @Override
    public Map<String, JobState> readJobs(Collection<String> jobIds) {
        return caughtUp(fold -> {
            Map<String, JobState> states = new LinkedHashMap<>();
            jobIds.forEach(jobId -> states.put(jobId, fold.job(jobId)));
            return states;
        });
    }

    /**
     * Records the end of this process's part. While another live process still holds a job of the
     * same run, the run stays {@code running}; the last one to finish sets the final status
     * ({@code failed} whenever a job failed).
     */
    @Override
    public void finish(Status status, Instant at) {
        boolean recordedEnd = locked(fold -> {
            if (rules.othersRunning(fold)) {
                return false;
            }
            boolean anyFailed = fold.toRunState(execId, planChecksum).jobs().values().stream()
                    .anyMatch(job -> job.status() == Status.FAILED);
            Status end = status == Status.SUCCEEDED && anyFailed ? Status.FAILED : status;
            appendLocked(List.of(JournalEntry.run(end, at)));
            return true;
        });
        if (recordedEnd || snapshots.behind(recorded.tail().offset())) {
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
            List<JournalEntry> releases = rules.releasesOwned(fold);
            if (!releases.isEmpty()) {
                appendLocked(releases);
            }
            return null;
        });
    }

    /** A fenced transition: refused unless {@code token} is the job's current claim by this backend. */
    private void fenced(ClaimToken token, Function<RunFold, JournalEntry> entry) {
        locked(fold -> {
            rules.requireCurrent(token, fold);
            appendLocked(List.of(entry.apply(fold)));
            return null;
        });
    }

    /** Runs {@code read} on a fold caught up with every append (no journal lock: reads only). */
    private <T> T caughtUp(Function<RunFold, T> read) {
        synchronized (foldLock) {
            requireOpen();
            recorded.refresh();
            return read.apply(recorded.fold());
        }
    }

    /** Runs {@code action} under the journal lock on a fold caught up with every append. */
    private <T> T locked(Function<RunFold, T> action) {
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
        if (journal != null && snapshots.behind(recorded.tail().offset())) {
            compactNow();
        }
    }

    private void compactNow() {
        snapshots.compact(new RunSnapshots.Source() {
            @Override
            public Object lock() {
                return foldLock;
            }

            @Override
            public RecordedRun caughtUp() {
                recorded.refresh();
                return recorded;
            }
        });
    }

    private void requireOpen() {
        if (recorded == null || journal == null) {
            throw new IllegalStateException("execution " + execId + " is not open");
        }
    }
}
