package dev.orun.exec.internal.records;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread per open run that keeps snapshot writes off the engine's hot path: it
 * compacts the run's summary files ({@code state.json}, {@code metadata.json}) now and then. A failed
 * tick is simply retried by the next one; the in-memory state stays authoritative meanwhile.
 */
public final class BackgroundWriter implements AutoCloseable {

    private final ScheduledExecutorService thread;

    public BackgroundWriter(String name, Runnable compact, Duration compactEvery) {
        thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        schedule(compact, compactEvery);
    }

    private void schedule(Runnable task, Duration every) {
        long millis = Math.max(1, every.toMillis());
        thread.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // retried on the next tick
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
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
