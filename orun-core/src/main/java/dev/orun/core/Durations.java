package dev.orun.core;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as users read them — one place, so {@code orun run} and {@code orun status} print the
 * same text for the same time. Plans' duration values are parsed by
 * {@link dev.orun.core.plan.GoDuration}, the one parser the compiler and the engine share.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * A short human duration: {@code 340ms}, {@code 8.1s}, {@code 1m04s}, {@code 2h05m}; a
     * negative or null duration reads {@code 0ms}. Minutes and seconds are zero-padded so columns
     * of times line up.
     */
    public static String format(Duration duration) {
        long millis = duration == null ? 0 : Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }
}
