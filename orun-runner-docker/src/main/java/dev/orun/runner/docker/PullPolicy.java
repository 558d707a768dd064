package dev.orun.runner.docker;

import dev.orun.core.InvalidInputException;
import java.util.Locale;

/** When the runner pulls a job's image from its registry. */
public enum PullPolicy {
    /** Pull once per run, even when the image is present (picks up a moved tag). */
    ALWAYS("always"),
    /** Never pull; a missing image fails the job, naming the image. */
    NEVER("never"),
    /** Pull only when the engine does not have the image. The default. */
    IF_NOT_PRESENT("if-not-present");

    private final String value;

    PullPolicy(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Parses {@code always}, {@code never} or {@code if-not-present}; {@code source} names where it came from. */
    public static PullPolicy parse(String text, String source) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (PullPolicy policy : values()) {
            if (policy.value.equals(wanted) || policy.name().equalsIgnoreCase(wanted.replace('-', '_'))) {
                return policy;
            }
        }
        throw new InvalidInputException(source + ": invalid pull policy \"" + text
                + "\" (expected always, never or if-not-present)");
    }
}
