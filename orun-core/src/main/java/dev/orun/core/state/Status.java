package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The status of a run, a job or a step. Serialised in lower case ({@code succeeded}); an unknown
 * word is refused with a message listing the known ones.
 *
 * <p>Used by every state type; set by the engine and state backends, read by everyone, any thread.
 */
public enum Status {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    // computed once: records hold several statuses per job, read and written on every transition
    private final String wire = name().toLowerCase(Locale.ROOT);
    private static final Status[] ALL = values();

    @JsonValue
    public String wireName() {
        return wire;
    }

    @JsonCreator
    public static Status fromWire(String value) {
        for (Status status : ALL) {
            if (status.wire.equals(value)) { // the common case: exactly as written
                return status;
            }
        }
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        for (Status status : ALL) {
            if (status.wire.equals(normalised)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status \"" + value + "\" (known: pending, running, succeeded,"
                + " failed, skipped, cancelled)");
    }

    /** True once nothing more will happen to the item. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
