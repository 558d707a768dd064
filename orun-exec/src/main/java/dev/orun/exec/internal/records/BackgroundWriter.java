package dev.orun.exec.internal.records;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread per open run that keeps snapshot writes off the engine's hot path: it
 * compacts the run's summary files ({@code state.json}, {@code metadata.json}) now and then. A failed
 * tick is simply retried by the next one; the in-memory state stays authoritative meanwhile.
 */
public final class BackgroundWriter implements AutoCloseable {

    /**
     * A tick waits this many times as long as the last one took (and never less than the interval):
     * a compaction is O(jobs), so on a large run fixed ticks would make the snapshot writes the
     * biggest CPU cost of the run and its total cost grow with the square of the jobs. This keeps
     * them under a tenth of one core; the journal, not the snapshot, is what readers trust.
     */
    private static final int IDLE_PER_BUSY = 9;

    private final ScheduledThreadPoolExecutor thread;
    private final Runnable compact;
    private final long minimumMillis;

    public BackgroundWriter(String name, Runnable compact, Duration compactEvery) {
        thread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.compact = compact;
        this.minimumMillis = Math.max(1, compactEvery.toMillis());
        scheduleIn(minimumMillis);
    }

    private void scheduleIn(long millis) {
        try {
            thread.schedule(this::tick, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the owner writes the final state itself
        }
    }

    private void tick() {
        long start = System.nanoTime();
        try {
            compact.run();
        } catch (RuntimeException e) {
            // retried on the next tick
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        scheduleIn(Math.max(minimumMillis, tookMillis * IDLE_PER_BUSY));
    }

    /** Stops the ticks and waits for one in progress; the owner then writes the final state itself. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
