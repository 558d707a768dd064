package dev.orun.core.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The secret values of one job, replaced by {@code ***} wherever the job's output goes: step
 * logs, the console and {@code --json}. The engine creates one per job and applies it in the step
 * output sink; a runner adds values as steps ask (GitHub's {@code ::add-mask::}). Lines streamed
 * before a value was added went out as they were; the engine masks the job's stored logs, records
 * and result again once the step and the job end ({@link #generation()} tells whether a mask was
 * added since). Thread-safe.
 */
public final class Masker {

    public static final String MASK = "***";

    private volatile List<String> values = List.of();

    /** Masks {@code value} from now on; blank values are ignored (they would mask everything). */
    public synchronized void add(String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        List<String> next = new ArrayList<>(values);
        for (String part : value.split("\r?\n")) {
            String trimmed = part.strip();
            if (!trimmed.isEmpty() && !next.contains(trimmed)) {
                next.add(trimmed);
            }
        }
        // longest first, so a value containing another is replaced whole
        next.sort(Comparator.comparingInt(String::length).reversed());
        values = List.copyOf(next);
    }

    /** How many values are masked: grows with every new value, so a change is cheap to detect. */
    public int generation() {
        return values.size();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code text} with every masked value replaced by {@value #MASK}. */
    public String mask(String text) {
        List<String> current = values;
        if (text == null || current.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : current) {
            if (result.contains(value)) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }
}
