package dev.orun.plan;

import java.util.Comparator;

/**
 * Something in the declared model that compiles but may not mean what the author intended (an
 * unknown key, a dependency on a component that does not exist, …). Warnings never change the
 * plan; {@code --strict} turns them into errors.
 *
 * @param file    the file as shown to the user (relative to the workspace root where possible)
 * @param line    1-based line, or 0 when unknown
 * @param message one line, without the location
 */
public record PlanWarning(String file, int line, String message) implements Comparable<PlanWarning> {

    private static final Comparator<PlanWarning> ORDER = Comparator.comparing(PlanWarning::file)
            .thenComparingInt(PlanWarning::line).thenComparing(PlanWarning::message);

    public PlanWarning {
        file = file == null ? "" : file.replace('\\', '/');
        line = Math.max(0, line);
        message = message == null ? "" : message.replace("\r", "").replace('\n', ' ').strip();
    }

    /** {@code file:line: warning: message} ({@code file: warning: message} when the line is unknown). */
    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return (where.isEmpty() ? "" : where + ": ") + "warning: " + message;
    }

    /** By file, then line, then message: the order warnings are reported in. */
    @Override
    public int compareTo(PlanWarning other) {
        return ORDER.compare(this, other);
    }
}
