package dev.orun.core;

import java.time.Duration;

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
        // by hand, not String.format: `orun status` prints one per job, thousands on a large run
        long millis = duration == null ? 0 : Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            long tenths = (millis + 50) / 100; // %.1f rounds half up
            return tenths / 10 + "." + tenths % 10 + "s";
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return seconds / 60 + "m" + twoDigits(seconds % 60) + "s";
        }
        return seconds / 3600 + "h" + twoDigits((seconds % 3600) / 60) + "m";
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
