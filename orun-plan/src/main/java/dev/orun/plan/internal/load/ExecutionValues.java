package dev.orun.plan.internal.load;

import dev.orun.core.plan.GoDuration;
import dev.orun.core.plan.Step;
import dev.orun.core.plan.StepShell;
import dev.orun.plan.internal.yaml.YMap;
import java.util.Locale;

/**
 * Values the engine parses when a job runs, read and checked when the composition is loaded, with
 * the engine's own parsers ({@link GoDuration}, {@link StepShell}): a typo fails {@code orun plan}
 * with the file and line instead of failing a job after others have run.
 */
final class ExecutionValues {

    private ExecutionValues() {
    }

    /** {@code timeout}: a Go duration, or null when absent. */
    static String timeout(YMap map) {
        String value = map.string("timeout");
        try {
            GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw map.get("timeout").error("timeout: " + e.getMessage());
        }
        return value;
    }

    /** {@code retry} / {@code retries}: a count of extra attempts, 0 when absent. */
    static int count(YMap map, String key) {
        int value = map.integer(key, 0);
        if (value < 0) {
            throw map.get(key).error("\"" + key + "\" must be 0 or more, not " + value);
        }
        return value;
    }

    /** {@code phase}, lower-cased; {@code main} when absent. */
    static String phase(YMap map) {
        String phase = map.string("phase");
        if (phase == null || phase.isBlank()) {
            return Step.PHASE_MAIN;
        }
        String normalised = phase.strip().toLowerCase(Locale.ROOT);
        if (!Step.PHASES.contains(normalised)) {
            throw map.get("phase").error("invalid step phase \"" + phase + "\" (expected pre, main or post)");
        }
        return normalised;
    }

    /** {@code onFailure}: stop or continue (either case), or null when absent. */
    static String onFailure(YMap map) {
        String value = map.string("onFailure");
        if (value != null && !Step.isOnFailureValue(value.strip())) {
            throw map.get("onFailure").error("invalid onFailure \"" + value + "\" (expected stop or continue)");
        }
        return value == null ? null : value.strip();
    }

    /**
     * {@code shell}, checked here unless it is a template (then it is checked once rendered, see
     * {@code StepRenderer}).
     */
    static String shell(YMap map) {
        String value = map.string("shell");
        if (value != null && !value.contains("{{")) {
            try {
                StepShell.parse(value);
            } catch (IllegalArgumentException e) {
                throw map.get("shell").error(e.getMessage());
            }
        }
        return value;
    }
}
