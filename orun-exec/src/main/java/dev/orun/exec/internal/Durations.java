package dev.orun.exec.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go-style durations as plans write them: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 500ms}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private Durations() {
    }

    /** The duration, or {@code null} for a blank value; {@link IllegalArgumentException} when malformed. */
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
                throw new IllegalArgumentException("invalid duration \"" + text + "\"");
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

    /** {@code 1.2s}, {@code 3m4s}: how durations are shown to users. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return (seconds / 60) + "m" + (seconds % 60) + "s";
    }
}
