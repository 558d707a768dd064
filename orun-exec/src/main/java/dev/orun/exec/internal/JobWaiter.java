package dev.orun.exec.internal;

import dev.orun.core.state.JobState;
import dev.orun.core.state.StateBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Waits for jobs that another worker holds, off the job slots: one daemon thread asks the state
 * backend ({@link StateBackend#awaitJobs}, a long-poll for a remote backend) about every job
 * waited for, and hands each that can be acted on again back to the scheduler with its state: a
 * job that succeeded elsewhere counts as done at once (no claim, no job slot); any other is
 * claimed once more (and then the scheduler learns how it ended, or runs it when its holder died).
 */
final class JobWaiter implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(JobWaiter.class.getName());

    private final StateBackend state;
    private final BiConsumer<String, JobState> claimable;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private Thread thread;
    private final boolean follows;
    private volatile boolean closed;

    /** {@code claimable} gets each job that can be acted on again, with the state that says so. */
    JobWaiter(StateBackend state, BiConsumer<String, JobState> claimable) {
        this.state = state;
        this.claimable = claimable;
        this.follows = state != null && state.coordinatesDependencies();
    }

    /** Starts waiting for {@code jobId} (called by the scheduling thread only). */
    void add(String jobId) {
        waiting.add(jobId);
        if (thread == null) {
            startThread();
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void startThread() {
        thread = new Thread(this::loop, "orun-await-jobs");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops waiting for {@code jobId}; false when it was not waited for. */
    boolean remove(String jobId) {
        return waiting.remove(jobId);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    private void loop() {
        while (!closed) {
            try {
                List<String> ids = List.copyOf(waiting);
                if (ids.isEmpty() && follows) {
                    // a state server's backend learns from its event log which jobs others finished,
                    // so it claims none of those later: once others were met (the first job held
                    // elsewhere started this thread), keep it following while nothing is waited for
                    state.awaitJobs(ids, WAIT);
                    continue;
                }
                if (ids.isEmpty()) {
                    synchronized (signal) {
                        if (waiting.isEmpty() && !closed) {
                            signal.wait(WAIT.toMillis());
                        }
                    }
                    continue;
                }
                Map<String, JobState> ready = state.awaitJobs(ids, WAIT);
                ready.forEach(claimable);
                if (!ready.isEmpty()) {
                    Thread.sleep(1); // let the scheduler take them off the waiting set
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "waiting for jobs held elsewhere failed; retrying", e);
                try {
                    Thread.sleep(WAIT.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
