package dev.orun.cli.render;

import java.time.Duration;
import java.util.Locale;

/** Durations as users read them: {@code 0.4s}, {@code 12.3s}, {@code 3m4s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration == null ? 0 : duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return (seconds / 60) + "m" + (seconds % 60) + "s";
    }
}
