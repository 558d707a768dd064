package dev.orun.exec.internal.records;

import dev.orun.core.state.JobState;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a run folded from a snapshot and the journal lines after it. Applying a line is
 * O(1) (one job's steps at most). The rules make the fold agree whoever folds: an {@code end}
 * or {@code step} line counts only for the job's current epoch; a job that succeeded or failed
 * stays so until a {@code reset}; a {@code claim} starts a new attempt with the job's steps
 * pending again. Not thread-safe: its owner serialises access.
 */
public final class RunFold {

    private Map<String, JobState> jobs = new HashMap<>();
    private Map<String, Lease> leases = new HashMap<>();
    private Map<String, Long> epochs = new HashMap<>();
    /**
     * True while the maps are a snapshot's, read only: the first change copies them. A reader of
     * a finished run (nothing in the journal after the snapshot) never changes the fold, and its
     * state is then made from the snapshot's sorted maps without copying them into hash maps and
     * sorting them back.
     */
    private boolean shared;
    private Status status = Status.RUNNING;
    private Instant startedAt;
    private Instant finishedAt;

    /** Starts from a snapshot (its jobs, their last epochs and the run's status); called once, first. */
    public void seed(StateFile snapshot) {
        if (jobs.isEmpty() && epochs.isEmpty() && leases.isEmpty()) {
            jobs = snapshot.jobs();
            epochs = snapshot.epochs();
            leases = snapshot.leases();
            shared = true;
        } else {
            own();
            jobs.putAll(snapshot.jobs());
            epochs.putAll(snapshot.epochs());
            leases.putAll(snapshot.leases());
        }
        status = snapshot.status() == null ? Status.RUNNING : snapshot.status();
        startedAt = snapshot.startedAt();
        finishedAt = snapshot.finishedAt();
    }

    /** Makes the maps this fold's own (hash maps: a transition is O(1)) before the first change. */
    private void own() {
        if (shared) {
            jobs = new HashMap<>(jobs);
            epochs = new HashMap<>(epochs);
            leases = new HashMap<>(leases);
            shared = false;
        }
    }

    public void startedAtIfMissing(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
    }

    public void putIfAbsent(JobState job) {
        own();
        jobs.putIfAbsent(job.jobId(), job);
    }

    public void apply(JournalEntry entry) {
        if (entry.kind() == null) {
            return;
        }
        own();
        String id = entry.job();
        switch (entry.kind()) {
            case JournalEntry.OPEN -> {
                status = Status.RUNNING;
                finishedAt = null;
            }
            case JournalEntry.RUN -> {
                status = entry.status();
                finishedAt = entry.at();
            }
            case JournalEntry.CLAIM -> {
                JobState previous = job(id);
                epochs.put(id, entry.epoch());
                leases.put(id, new Lease(entry.epoch(), new Holder(entry.holder(), entry.pid() == null ? 0 : entry.pid(),
                        entry.pidStart(), entry.host()), entry.until()));
                jobs.put(id, JobStates.restarted(previous, previous.attempts() + 1, entry.at()));
            }
            case JournalEntry.RENEW -> {
                Lease lease = leases.get(id);
                if (lease != null && lease.epoch() == entry.epoch()) {
                    leases.put(id, new Lease(lease.epoch(), lease.holder(), entry.until()));
                }
            }
            case JournalEntry.RELEASE -> {
                Lease lease = leases.get(id);
                if (lease != null && lease.epoch() == entry.epoch()) {
                    leases.remove(id);
                }
            }
            case JournalEntry.STEP -> {
                if (isCurrent(id, entry.epoch()) && entry.step() != null && !job(id).status().isTerminal()) {
                    jobs.put(id, JobStates.withStep(job(id), entry.step()));
                }
            }
            case JournalEntry.END -> {
                if (isCurrent(id, entry.epoch()) && !job(id).status().isTerminal()) {
                    jobs.put(id, JobStates.finished(job(id), entry.status(), entry.at(), entry.error()));
                    leases.remove(id);
                }
            }
            case JournalEntry.NOT_RUN -> {
                if (!finishedForGood(job(id).status())) {
                    jobs.put(id, JobStates.finished(job(id), entry.status(), entry.at(), entry.error()));
                    leases.remove(id);
                }
            }
            case JournalEntry.RESET -> {
                jobs.put(id, JobStates.forgotten(job(id)));
                leases.remove(id);
            }
            default -> {
                // a kind written by a later version: ignored
            }
        }
    }

    private boolean isCurrent(String jobId, Long epoch) {
        return epoch != null && epoch.equals(epochs.get(jobId));
    }

    /** Succeeded and failed stick (until a reset); skipped and cancelled jobs may run again. */
    public static boolean finishedForGood(Status status) {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    public JobState job(String jobId) {
        return jobs.getOrDefault(jobId, JobState.pending(jobId));
    }

    public Optional<Lease> lease(String jobId) {
        return Optional.ofNullable(leases.get(jobId));
    }

    public long epoch(String jobId) {
        return epochs.getOrDefault(jobId, 0L);
    }

    /** The open claims, read only. */
    public Map<String, Lease> leases() {
        return java.util.Collections.unmodifiableMap(leases);
    }

    public Status status() {
        return status;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public RunState toRunState(String execId, String planChecksum) {
        return new RunState(execId, planChecksum, status, startedAt, finishedAt, jobs);
    }

    public StateFile toSnapshot(String execId, String planChecksum, long journalOffset) {
        return new StateFile(execId, planChecksum, status, startedAt, finishedAt, journalOffset,
                new HashMap<>(epochs), new HashMap<>(leases), new HashMap<>(jobs));
    }
}
