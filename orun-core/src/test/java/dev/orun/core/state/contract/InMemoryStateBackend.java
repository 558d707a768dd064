package dev.orun.core.state.contract;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A complete state backend kept in memory: one {@link Store} is the run, and each backend made on
 * it is one worker (its own holder id), so several "processes" can share a run in one test. Same
 * rules as the file backend: epochs increase per job, leases expire by the store's clock, every
 * write after a claim is fenced, finishing a terminal job is a no-op.
 */
public final class InMemoryStateBackend implements StateBackend {

    /** The shared run: jobs, leases, logs and a transition log for assertions. */
    public static final class Store {
        private final Clock clock;
        private final Map<String, JobState> jobs = new HashMap<>();
        private final Map<String, Long> epochs = new HashMap<>();
        private final Map<String, String> holders = new HashMap<>();
        private final Map<String, Instant> leaseEnds = new HashMap<>();
        private final Map<String, ByteArrayOutputStream> logs = new HashMap<>();
        private final List<String> transitions = new ArrayList<>();
        private String checksum;
        private String execId;
        private Status status = Status.PENDING;

        public Store(Clock clock) {
            this.clock = clock;
        }

        public Store() {
            this(Clock.systemUTC());
        }

        public synchronized List<String> transitions() {
            return List.copyOf(transitions);
        }

        public synchronized String log(String jobId, String stepId) {
            ByteArrayOutputStream log = logs.get(jobId + "\u0000" + stepId);
            return log == null ? null : log.toString(StandardCharsets.UTF_8);
        }

        public synchronized Status finalStatus() {
            return status;
        }

        /** A provider handing out a new worker on this run whatever the execution id (one run per store). */
        public dev.orun.core.state.StateBackendProvider provider() {
            return new dev.orun.core.state.StateBackendProvider() {
                @Override
                public String name() {
                    return "memory";
                }

                @Override
                public StateBackend open(dev.orun.core.state.StateBackendSettings settings, String execId) {
                    return worker();
                }

                @Override
                public dev.orun.core.state.RunRecords records(dev.orun.core.state.StateBackendSettings settings) {
                    throw new UnsupportedOperationException("the in-memory backend keeps no read side");
                }
            };
        }

        /** A new worker on this run. */
        public InMemoryStateBackend worker() {
            return new InMemoryStateBackend(this);
        }
    }

    private final Store store;
    private final String holder = UUID.randomUUID().toString();

    public InMemoryStateBackend(Store store) {
        this.store = store;
    }

    @Override
    public Optional<RunState> peek() {
        synchronized (store) {
            return Optional.of(store.execId == null ? new RunState(null, null, Status.PENDING, null, null, null) : read());
        }
    }

    @Override
    public RunState open(RunDescriptor run) {
        synchronized (store) {
            String checksum = run.plan().metadata().checksum();
            if (store.checksum != null && !store.checksum.equals(checksum)) {
                throw new InvalidInputException("execution " + run.execId() + " ran another plan");
            }
            store.checksum = checksum;
            store.execId = run.execId();
            store.status = Status.RUNNING;
            run.plan().jobs().forEach(job -> store.jobs.putIfAbsent(job.id(), JobState.pending(job.id())));
            return read();
        }
    }

    @Override
    public void resetJob(String jobId) {
        synchronized (store) {
            if (heldByOther(jobId)) {
                throw new InvalidInputException("job " + jobId + " is running elsewhere");
            }
            store.jobs.put(jobId, JobState.pending(jobId));
            store.holders.remove(jobId);
            store.logs.keySet().removeIf(key -> key.startsWith(jobId + "\u0000"));
            store.transitions.add("reset " + jobId);
        }
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        synchronized (store) {
            JobState current = job(jobId);
            if (current.status() == Status.SUCCEEDED || current.status() == Status.FAILED) {
                return ClaimResult.alreadyDone(current.status());
            }
            if (holder.equals(store.holders.get(jobId))) {
                return ClaimResult.claimed(new ClaimToken(jobId, store.epochs.get(jobId)), store.leaseEnds.get(jobId));
            }
            if (heldByOther(jobId)) {
                return ClaimResult.heldElsewhere(current.status());
            }
            long epoch = store.epochs.getOrDefault(jobId, 0L) + 1;
            Instant now = store.clock.instant();
            store.epochs.put(jobId, epoch);
            store.holders.put(jobId, holder);
            store.leaseEnds.put(jobId, now.plus(lease));
            store.jobs.put(jobId, new JobState(jobId, Status.RUNNING, current.attempts() + 1, now, null, null, List.of()));
            store.transitions.add("claim " + jobId);
            return ClaimResult.claimed(new ClaimToken(jobId, epoch), now.plus(lease));
        }
    }

    @Override
    public void heartbeat(ClaimToken token, Duration lease) {
        synchronized (store) {
            requireCurrent(token);
            store.leaseEnds.put(token.jobId(), store.clock.instant().plus(lease));
        }
    }

    @Override
    public void stepStarted(ClaimToken token, String stepId, Instant at) {
        synchronized (store) {
            requireCurrent(token);
            putStep(token.jobId(), new StepState(stepId, Status.RUNNING, null, at, null, null));
            store.transitions.add("step-start " + token.jobId() + " " + stepId);
        }
    }

    @Override
    public void stepFinished(ClaimToken token, StepState step) {
        synchronized (store) {
            requireCurrent(token);
            putStep(token.jobId(), step);
        }
    }

    @Override
    public OutputStream openLog(ClaimToken token, String stepId) {
        synchronized (store) {
            requireCurrent(token);
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            store.logs.put(token.jobId() + "\u0000" + stepId, log);
            return log;
        }
    }

    @Override
    public void jobFinished(ClaimToken token, Status status, Instant at, String error) {
        synchronized (store) {
            JobState current = job(token.jobId());
            if (current.status().isTerminal()) {
                return;
            }
            requireCurrent(token);
            store.jobs.put(token.jobId(), new JobState(token.jobId(), status, current.attempts(), current.startedAt(),
                    at, error, current.steps()));
            store.holders.remove(token.jobId());
            store.transitions.add(status.wireName() + " " + token.jobId());
        }
    }

    @Override
    public boolean jobNotRun(String jobId, Status status, Instant at, String reason) {
        synchronized (store) {
            JobState current = job(jobId);
            if (current.status() == Status.SUCCEEDED || current.status() == Status.FAILED || heldByOther(jobId)) {
                return false;
            }
            store.jobs.put(jobId, new JobState(jobId, status, current.attempts(), current.startedAt(), at, reason,
                    current.steps()));
            store.holders.remove(jobId);
            store.transitions.add(status.wireName() + " " + jobId);
            return true;
        }
    }

    @Override
    public Map<String, JobState> awaitJobs(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (store) {
            while (true) {
                Map<String, JobState> ready = new HashMap<>();
                for (String id : jobIds) {
                    if (!heldByOther(id)) {
                        ready.put(id, job(id));
                    }
                }
                long left = deadline - System.nanoTime();
                if (!ready.isEmpty() || left <= 0) {
                    return ready;
                }
                store.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
    }

    @Override
    public RunState read() {
        synchronized (store) {
            return new RunState(store.execId, store.checksum, store.status, null, null, new HashMap<>(store.jobs));
        }
    }

    @Override
    public void finish(Status status, Instant at) {
        synchronized (store) {
            store.status = status;
            store.notifyAll();
        }
    }

    /** Gives up unfinished claims, as a process that exits does. */
    @Override
    public void close() {
        synchronized (store) {
            store.holders.values().removeIf(holder::equals);
            store.notifyAll();
        }
    }

    private JobState job(String jobId) {
        return store.jobs.getOrDefault(jobId, JobState.pending(jobId));
    }

    private boolean heldByOther(String jobId) {
        String owner = store.holders.get(jobId);
        Instant end = store.leaseEnds.get(jobId);
        return owner != null && !owner.equals(holder) && (end == null || store.clock.instant().isBefore(end));
    }

    private void requireCurrent(ClaimToken token) {
        long epoch = store.epochs.getOrDefault(token.jobId(), 0L);
        if (epoch != token.epoch() || !holder.equals(store.holders.get(token.jobId()))) {
            throw new LeaseLostException(token, "the job's current epoch is " + epoch);
        }
    }

    private void putStep(String jobId, StepState step) {
        JobState current = job(jobId);
        List<StepState> steps = new ArrayList<>(current.steps());
        steps.removeIf(existing -> existing.stepId().equals(step.stepId()));
        steps.add(step);
        store.jobs.put(jobId, new JobState(jobId, current.status(), current.attempts(), current.startedAt(),
                current.finishedAt(), current.error(), steps));
        store.notifyAll();
    }
}
