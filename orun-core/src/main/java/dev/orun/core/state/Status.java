package dev.orun.core.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The status of a run, a job or a step. Serialised in lower case ({@code succeeded}). */
public enum Status {
    PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Status fromWire(String value) {
        return Status.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** True once nothing more will happen to the item. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }
}
