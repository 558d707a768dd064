package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Job;
import dev.orun.core.OrunException;
import dev.orun.core.state.JobState;
import dev.orun.core.state.StateUnavailableException;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.internal.EngineSignal.Claimable;
import dev.orun.exec.internal.EngineSignal.Finished;
import dev.orun.exec.internal.EngineSignal.HeldElsewhere;
import dev.orun.exec.internal.EngineSignal.RecordsFailed;
import dev.orun.exec.internal.EngineSignal.WakeUp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The DAG scheduler. A job starts as soon as all its dependencies succeeded and a slot is free
 * (there are no waves); ready jobs start in the plan's topological order. At most
 * {@code componentConcurrency} components have jobs in flight (0 = no limit).
 *
 * <p>Failure: with fail-fast, after the first failure no new job starts, running jobs finish and
 * every job that did not run is recorded {@code skipped}. Without it, only the failed job's
 * transitive dependents are skipped and independent branches go on. {@link #cancel()} interrupts
 * running jobs (their runners stop every process they started) and records them and every job not
 * started {@code cancelled}.
 *
 * <p>Jobs recorded {@code succeeded} in this execution's state are not run again (resume). Each
 * job is claimed through the state backend before it runs, so processes sharing an execution id
 * run it once.
 */
public final class ExecutionEngine {

    private final RunContext run;
    private final JobGraph graph;
    private final List<String> selected;
    private final int concurrency;
    private final int componentConcurrency;
    private final boolean failFast;
    private final LinkedBlockingQueue<EngineSignal> finished = new LinkedBlockingQueue<>();
    private volatile StateUnavailableException recordsFailure;
    private final AtomicBoolean anyJobRan = new AtomicBoolean();

    private final Map<String, Future<?>> running = new HashMap<>();
    private final Map<String, CancelToken> tokens = new ConcurrentHashMap<>();
    private volatile boolean cancelled;

    public ExecutionEngine(RunContext run, JobGraph graph, List<String> selected, int concurrency,
                           int componentConcurrency, boolean failFast) {
        this.run = run;
        this.graph = graph;
        this.selected = graph.ordered(selected);
        this.concurrency = concurrency;
        this.componentConcurrency = componentConcurrency;
        this.failFast = failFast;
    }

    /** Asks the run to stop; safe from any thread (a shutdown hook, for example). */
    public void cancel() {
        cancelled = true;
        tokens.values().forEach(CancelToken::cancel);
        finished.add(new WakeUp());
    }

    /** Runs the selected jobs to the end and records the outcome; {@code recorded} is the state at start. */
    public ExecutionResult run(RunState recorded) {
        Instant started = Instant.now();
        run.listener().onEvent(new ProgressEvent.RunStarted(started, run.execId(),
                run.plan().planId(), run.runner().name(), selected, concurrency));
        Map<String, JobResult> results = new LinkedHashMap<>();
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency,
                Math.max(1, selected.size())), r -> {
                    Thread thread = new Thread(r, "orun-job-" + threadCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        try (ClaimKeeper claims = new ClaimKeeper(run.state());
             JobWaiter waiter = new JobWaiter(run.state(), id -> finished.add(new Claimable(id)))) {
            schedule(recorded, results, pool, new JobAttempt(run, claims, anyJobRan), waiter);
        } finally {
            pool.shutdownNow();
        }
        Status status = overall(results);
        Instant end = Instant.now();
        if (recordsFailure == null) {
            try {
                StateWrites.run(() -> run.state().finish(status, end));
            } catch (StateUnavailableException e) {
                recordsFailure = e;
            }
        }
        if (recordsFailure != null) {
            int exit = anyJobRan.get() ? OrunException.EXIT_FAILURE : OrunException.EXIT_INVALID;
            throw new StateUnavailableException(exit, "cannot record the run: " + recordsFailure.getMessage(),
                    recordsFailure);
        }
        Duration took = Duration.between(started, end);
        run.listener().onEvent(new ProgressEvent.RunFinished(end, run.execId(), status, took));
        List<JobResult> ordered = new ArrayList<>();
        selected.forEach(id -> ordered.add(results.get(id)));
        return new ExecutionResult(run.execId(), run.plan().metadata().checksum(),
                run.plan().metadata().name(), run.runner().name(), concurrency, status, took,
                ordered);
    }

    private void schedule(RunState recorded, Map<String, JobResult> results, ExecutorService pool,
                          JobAttempt attempt, JobWaiter waiter) {
        Set<String> inSelection = Set.copyOf(selected);
        Map<String, Integer> waitingOn = new HashMap<>();
        TreeSet<Integer> ready = new TreeSet<>();
        // dependencies outside the selection that another worker is still running: waited for
        Set<String> external = new java.util.HashSet<>();
        for (String id : selected) {
            int count = 0;
            for (String dep : graph.job(id).dependsOn()) {
                if (inSelection.contains(dep)) {
                    count++;
                } else if (recorded.job(dep).status() != Status.SUCCEEDED) {
                    count++;
                    external.add(dep);
                }
            }
            waitingOn.put(id, count);
        }
        List<String> done = new ArrayList<>();
        for (String id : selected) {
            if (recorded.job(id).status() == Status.SUCCEEDED) {
                JobResult reused = JobOutcomes.reused(graph.job(id), recorded.job(id), Status.SUCCEEDED);
                run.listener().onEvent(new ProgressEvent.JobReused(Instant.now(), id,
                        Status.SUCCEEDED));
                results.put(id, reused);
                done.add(id);
            }
        }
        for (String id : done) {
            release(id, waitingOn, ready, results);
        }
        for (String id : selected) {
            if (!results.containsKey(id) && waitingOn.get(id) == 0) {
                ready.add(graph.rank(id));
            }
        }
        external.forEach(waiter::add);
        Map<String, Integer> activeComponents = new HashMap<>();
        boolean stopping = false;
        while (true) {
            if (cancelled) {
                stopping = true;
            }
            while (!stopping && running.size() < concurrency) {
                String next = pickReady(ready, activeComponents);
                if (next == null) {
                    break;
                }
                ready.remove(graph.rank(next));
                activeComponents.merge(component(next), 1, Integer::sum);
                Job job = graph.job(next);
                CancelToken token = new CancelToken();
                tokens.put(next, token);
                if (cancelled) {
                    token.cancel();
                }
                running.put(next, pool.submit(() -> finished.add(attempt.runSafely(job, token))));
            }
            if (running.isEmpty() && (stopping || waiter.isEmpty())) {
                break;
            }
            EngineSignal signal;
            try {
                signal = finished.take();
            } catch (InterruptedException e) {
                cancel();
                continue;
            }
            if (signal instanceof WakeUp) {
                stopping = true;
                continue;
            }
            if (signal instanceof Claimable claimable) {
                String jobId = claimable.jobId();
                if (!waiter.remove(jobId)) {
                    continue;
                }
                if (external.contains(jobId)) {
                    if (externalDependencyEnded(jobId, waitingOn, ready, results, inSelection)) {
                        external.remove(jobId);
                    } else {
                        waiter.add(jobId); // not ended yet (its holder let go, or nobody took it yet)
                    }
                } else if (!results.containsKey(jobId)) {
                    ready.add(graph.rank(jobId));
                }
                continue;
            }
            String id = signal instanceof Finished ended ? ended.result().id()
                    : signal instanceof HeldElsewhere held ? held.jobId() : ((RecordsFailed) signal).jobId();
            running.remove(id);
            tokens.remove(id);
            activeComponents.computeIfPresent(component(id), (k, v) -> v == 1 ? null : v - 1);
            if (signal instanceof HeldElsewhere) {
                waiter.add(id);
                continue;
            }
            if (signal instanceof RecordsFailed failed) {
                if (recordsFailure == null) {
                    recordsFailure = failed.error();
                }
                results.put(id, JobOutcomes.notRun(graph.job(id), Status.FAILED, failed.error().getMessage()));
                stopping = true;
                cancelled = true;
                tokens.values().forEach(token -> token.cancel("the run's records cannot be written"));
                continue;
            }
            JobResult result = ((Finished) signal).result();
            results.put(result.id(), result);
            if (result.status() == Status.SUCCEEDED) {
                release(result.id(), waitingOn, ready, results);
            } else if (result.status() == Status.CANCELLED) {
                stopping = true;
            } else if (failFast) {
                stopping = true;
            } else {
                skipDependents(result.id(), inSelection, results, ready);
            }
        }
        if (recordsFailure == null) {
            try {
                recordNotRun(results);
            } catch (StateUnavailableException e) {
                recordsFailure = e;
            }
        }
        if (recordsFailure != null) {
            selected.forEach(id -> results.computeIfAbsent(id,
                    missing -> JobOutcomes.notRun(graph.job(missing), Status.CANCELLED, "not started: the records cannot be written")));
        }
    }

    private String pickReady(TreeSet<Integer> ready, Map<String, Integer> activeComponents) {
        for (Integer rank : ready) {
            String id = graph.order().get(rank);
            String component = component(id);
            if (componentConcurrency == 0 || activeComponents.containsKey(component)
                    || activeComponents.size() < componentConcurrency) {
                return id;
            }
        }
        return null;
    }

    /**
     * A dependency another worker holds may have ended: go on when it succeeded, skip its
     * dependents when it failed; false when it has not ended yet, so it is waited for again.
     */
    private boolean externalDependencyEnded(String dep, Map<String, Integer> waitingOn, TreeSet<Integer> ready,
                                            Map<String, JobResult> results, Set<String> inSelection) {
        JobState state = StateWrites.get(() -> run.state().readJob(dep));
        Status status = state.status();
        if (status == Status.SUCCEEDED) {
            release(dep, waitingOn, ready, results);
        } else if (status == Status.PENDING || status == Status.RUNNING) {
            return false;
        } else {
            skipDependents(dep, "dependency " + dep + (status == Status.FAILED ? " failed"
                    : " ended " + status.wireName()) + " in another process"
                    + (state.error() == null ? "" : " (" + state.error() + ")"), inSelection, results, ready);
        }
        return true;
    }

    private void release(String id, Map<String, Integer> waitingOn, TreeSet<Integer> ready,
                         Map<String, JobResult> results) {
        for (String next : graph.dependents(id)) {
            Integer count = waitingOn.get(next);
            if (count == null) {
                continue;
            }
            waitingOn.put(next, count - 1);
            if (count - 1 == 0 && !results.containsKey(next)) {
                ready.add(graph.rank(next));
            }
        }
    }

    private void skipDependents(String failed, Set<String> inSelection,
                                Map<String, JobResult> results, TreeSet<Integer> ready) {
        skipDependents(failed, "dependency " + failed + " failed", inSelection, results, ready);
    }

    private void skipDependents(String failed, String reason, Set<String> inSelection,
                                Map<String, JobResult> results, TreeSet<Integer> ready) {
        for (String id : graph.transitiveDependents(failed)) {
            if (inSelection.contains(id) && !results.containsKey(id)) {
                ready.remove(graph.rank(id));
                results.put(id, recordSkip(graph.job(id), Status.SKIPPED, reason));
            }
        }
    }

    /** Records every selected job that never ran: skipped, or cancelled when the run was interrupted. */
    private void recordNotRun(Map<String, JobResult> results) {
        RunState now = null;
        for (String id : selected) {
            if (results.containsKey(id)) {
                continue;
            }
            if (now == null) {
                now = run.state().read();
            }
            Status status = cancelled ? Status.CANCELLED : Status.SKIPPED;
            String reason = cancelled ? "cancelled before it started" : "not started: fail-fast";
            if (now.job(id).status() == Status.RUNNING) {
                results.put(id, JobOutcomes.notRun(graph.job(id), status, reason));
            } else {
                results.put(id, recordSkip(graph.job(id), status, reason));
            }
        }
    }

    private JobResult recordSkip(Job job, Status status, String reason) {
        Instant now = Instant.now();
        StateWrites.run(() -> run.state().jobNotRun(job.id(), status, now, reason));
        run.listener().onEvent(new ProgressEvent.JobFinished(now, job.id(), status, Duration.ZERO,
                reason));
        return JobOutcomes.notRun(job, status, reason);
    }

    private String component(String id) {
        String component = graph.job(id).component();
        return component == null ? id : component;
    }

    private Status overall(Map<String, JobResult> results) {
        if (recordsFailure != null) {
            return Status.FAILED;
        }
        if (cancelled) {
            return Status.CANCELLED;
        }
        boolean allSucceeded = results.values().stream()
                .allMatch(result -> result.status() == Status.SUCCEEDED);
        return allSucceeded ? Status.SUCCEEDED : Status.FAILED;
    }
}
