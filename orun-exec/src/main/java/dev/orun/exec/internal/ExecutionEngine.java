package dev.orun.exec.internal;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Job;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.ExecutionResult.JobResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final LinkedBlockingQueue<JobResult> finished = new LinkedBlockingQueue<>();
    private static final JobResult WAKE_UP = new JobResult("", null, null, null, Status.CANCELLED,
            Duration.ZERO, null, false, null, List.of(), List.of());

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
        finished.add(WAKE_UP);
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
        try (ClaimKeeper claims = new ClaimKeeper(run.state())) {
            schedule(recorded, results, pool, claims);
        } finally {
            pool.shutdownNow();
        }
        Status status = overall(results);
        Instant end = Instant.now();
        run.state().finish(status, end);
        Duration took = Duration.between(started, end);
        run.listener().onEvent(new ProgressEvent.RunFinished(end, run.execId(), status, took));
        List<JobResult> ordered = new ArrayList<>();
        selected.forEach(id -> ordered.add(results.get(id)));
        return new ExecutionResult(run.execId(), run.plan().metadata().checksum(),
                run.plan().metadata().name(), run.runner().name(), concurrency, status, took,
                ordered);
    }

    private void schedule(RunState recorded, Map<String, JobResult> results, ExecutorService pool,
                          ClaimKeeper claims) {
        Set<String> inSelection = Set.copyOf(selected);
        Map<String, Integer> waitingOn = new HashMap<>();
        TreeSet<Integer> ready = new TreeSet<>();
        for (String id : selected) {
            int count = 0;
            for (String dep : graph.job(id).dependsOn()) {
                if (inSelection.contains(dep)) {
                    count++;
                }
            }
            waitingOn.put(id, count);
        }
        List<String> done = new ArrayList<>();
        for (String id : selected) {
            if (recorded.job(id).status() == Status.SUCCEEDED) {
                JobResult reused = reused(graph.job(id), recorded.job(id), Status.SUCCEEDED);
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
                running.put(next, pool.submit(() -> finished.add(runJob(job, claims, token))));
            }
            if (running.isEmpty()) {
                break;
            }
            JobResult result;
            try {
                result = finished.take();
            } catch (InterruptedException e) {
                cancel();
                continue;
            }
            if (result == WAKE_UP) {
                stopping = true;
                continue;
            }
            running.remove(result.id());
            tokens.remove(result.id());
            activeComponents.computeIfPresent(component(result.id()),
                    (k, v) -> v == 1 ? null : v - 1);
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
        recordNotRun(results);
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

    private JobResult runJob(Job job, ClaimKeeper claims, CancelToken token) {
        Status elsewhere;
        try {
            elsewhere = claims.claim(job.id(), token);
        } catch (InterruptedException e) {
            return notRun(job, Status.CANCELLED, "cancelled");
        } catch (RuntimeException e) {
            return notRun(job, Status.FAILED, "claim: " + e.getMessage());
        }
        if (elsewhere != null) {
            run.listener().onEvent(new ProgressEvent.JobReused(Instant.now(), job.id(), elsewhere));
            return reused(job, run.state().read().job(job.id()), elsewhere);
        }
        JobResult result;
        try {
            result = new JobExecution(run, job, token).execute();
        } finally {
            claims.release(job.id());
        }
        Instant now = Instant.now();
        run.state().jobFinished(job.id(), result.status(), now, result.error());
        run.listener().onEvent(new ProgressEvent.JobFinished(now, job.id(), result.status(),
                result.duration(), result.error()));
        return result;
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
        for (String id : graph.transitiveDependents(failed)) {
            if (inSelection.contains(id) && !results.containsKey(id)) {
                ready.remove(graph.rank(id));
                results.put(id, recordSkip(graph.job(id), Status.SKIPPED,
                        "dependency " + failed + " failed"));
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
                results.put(id, notRun(graph.job(id), status, reason));
            } else {
                results.put(id, recordSkip(graph.job(id), status, reason));
            }
        }
    }

    private JobResult recordSkip(Job job, Status status, String reason) {
        Instant now = Instant.now();
        run.state().jobFinished(job.id(), status, now, reason);
        run.listener().onEvent(new ProgressEvent.JobFinished(now, job.id(), status, Duration.ZERO,
                reason));
        return notRun(job, status, reason);
    }

    private static JobResult notRun(Job job, Status status, String reason) {
        return new JobResult(job.id(), job.name(), job.component(), job.environment(), status,
                Duration.ZERO, reason, false, null, List.of(), List.of());
    }

    private static JobResult reused(Job job, JobState state, Status status) {
        Duration took = state.startedAt() != null && state.finishedAt() != null
                ? Duration.between(state.startedAt(), state.finishedAt()) : Duration.ZERO;
        return new JobResult(job.id(), job.name(), job.component(), job.environment(), status,
                took, state.error(), true, null, List.of(), List.of());
    }

    private String component(String id) {
        String component = graph.job(id).component();
        return component == null ? id : component;
    }

    private Status overall(Map<String, JobResult> results) {
        if (cancelled) {
            return Status.CANCELLED;
        }
        boolean allSucceeded = results.values().stream()
                .allMatch(result -> result.status() == Status.SUCCEEDED);
        return allSucceeded ? Status.SUCCEEDED : Status.FAILED;
    }
}
