package dev.orun.exec.internal;

import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Claims jobs for this process and keeps the claims alive: one daemon thread renews the lease of
 * every job this process is running, so another process sharing the execution id never takes over
 * a job that is merely slow. A job held by another live process is waited for by polling the
 * state until it ends (its outcome is then used) or its holder disappears (then it is claimed).
 */
final class ClaimKeeper implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(30);
    private static final long HEARTBEAT_SECONDS = 10;
    private static final long POLL_MILLIS = 250;

    private final StateBackend state;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    ClaimKeeper(StateBackend state) {
        this.state = state;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "orun-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::renew, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    /**
     * Claims a job, waiting while another process holds it.
     *
     * @return {@code null} when this process now owns the job, else the status the other process
     *         recorded for it
     */
    Status claim(String jobId, CancelToken cancel) throws InterruptedException {
        ClaimResult result = state.claim(jobId, LEASE);
        while (result.outcome() == ClaimResult.Outcome.HELD_ELSEWHERE) {
            cancel.check();
            // The holder records the job's end and releases it; the claim then says how it ended
            // (or grants the job when the holder died or gave it up).
            Thread.sleep(POLL_MILLIS);
            result = state.claim(jobId, LEASE);
        }
        if (result.outcome() == ClaimResult.Outcome.ALREADY_DONE) {
            return result.status();
        }
        held.add(jobId);
        return null;
    }

    void release(String jobId) {
        held.remove(jobId);
    }

    private void renew() {
        for (String jobId : held) {
            try {
                state.heartbeat(jobId, LEASE);
            } catch (RuntimeException e) {
                // a missed heartbeat is retried on the next tick; the lease outlives two misses
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
