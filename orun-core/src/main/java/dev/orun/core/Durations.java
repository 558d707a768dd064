package dev.orun.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as plans write them and as users read them — one place, so {@code orun run} and
 * {@code orun status} print the same text for the same time.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Durations() {
    }

    /**
     * Parses a Go-style duration as plans write them: {@code 90s}, {@code 10m}, {@code 1h30m},
     * {@code 500ms}, {@code 1.5h}.
     *
     * @return the duration, or {@code null} for a blank value
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher matcher = PART.matcher(value);
        long millis = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                break;
            }
            double amount = Double.parseDouble(matcher.group(1));
            millis += (long) (amount * switch (matcher.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1_000;
                default -> 1;
            });
            end = matcher.end();
        }
        if (end != value.length() || end == 0) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\" (expected e.g. 90s, 10m, 1h30m)");
        }
        return Duration.ofMillis(millis);
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
