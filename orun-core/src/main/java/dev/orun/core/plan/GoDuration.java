package dev.orun.core.plan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code timeout} values the way the engine applies them: Go duration syntax ({@code 90s},
 * {@code 10m}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}; units {@code ns us µs ms s m h}). The
 * compiler checks plans with this same parser, so a value that would fail a job at run time fails
 * {@code orun plan} instead. Zero and negative durations are refused: as a timeout they would end
 * every step at once.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L, "ms", 1_000_000L,
            "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * The duration, or {@code null} for a missing or blank value.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        Matcher matcher = PART.matcher(value);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            nanos = nanos.add(new BigDecimal(matcher.group(1).endsWith(".") ? matcher.group(1) + "0"
                    : matcher.group(1)).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            end = matcher.end();
        }
        if (end == 0 || end != value.length()) {
            throw new IllegalArgumentException("invalid duration \"" + text
                    + "\" (expected a number and a unit, e.g. 90s, 10m, 1h30m)");
        }
        if (nanos.signum() == 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (must be longer than zero)");
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (too long)");
        }
        return Duration.ofNanos(nanos.longValue());
    }
}
