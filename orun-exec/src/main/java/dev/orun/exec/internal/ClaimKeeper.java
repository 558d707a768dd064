package dev.orun.exec.internal;

import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.StateBackend;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this process's claims alive: one daemon thread renews the lease of every job this process
 * is running, so another worker sharing the execution id never takes over a job that is merely
 * slow. When the backend answers that a lease was lost (another worker took the job over), the
 * job's {@code onLost} action runs at once — the engine stops the job's steps.
 */
final class ClaimKeeper implements AutoCloseable {

    static final Duration LEASE = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(ClaimKeeper.class.getName());

    private record Held(ClaimToken token, Runnable onLost) {
    }

    private final StateBackend state;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    ClaimKeeper(StateBackend state) {
        this.state = state;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "orun-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        scheduleNext();
    }

    /** Each tick waits the backend's current cadence (a state server says how often it wants a beat). */
    private void scheduleNext() {
        try {
            timer.schedule(() -> {
                renew();
                scheduleNext();
            }, state.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the run ended
        }
    }

    /** Keeps {@code token}'s lease alive until {@link #release}; {@code onLost} runs if it is lost. */
    void hold(ClaimToken token, Runnable onLost) {
        held.put(token.jobId(), new Held(token, onLost));
    }

    void release(String jobId) {
        held.remove(jobId);
    }

    void renew() {
        for (Held claim : held.values()) {
            try {
                state.heartbeat(claim.token(), LEASE);
            } catch (LeaseLostException lost) {
                held.remove(claim.token().jobId());
                claim.onLost().run();
            } catch (RuntimeException e) {
                // retried on the next tick; the lease outlives two missed heartbeats
                LOG.log(System.Logger.Level.DEBUG, "heartbeat for " + claim.token() + " failed", e);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
