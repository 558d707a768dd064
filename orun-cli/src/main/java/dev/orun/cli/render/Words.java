package dev.orun.cli.render;

import dev.orun.core.state.Status;

/**
 * The one vocabulary every command prints with: a symbol per status ({@code run}'s lines,
 * {@code status}' tree, {@code status --watch}) and counted nouns ("1 job", "2 jobs").
 */
public final class Words {

    private Words() {
    }

    /** ✓ succeeded · ✗ failed · ◐ running · ○ pending · ↷ skipped · ⊘ cancelled. */
    public static String symbol(Status status) {
        if (status == null) {
            return "?";
        }
        return switch (status) {
            case SUCCEEDED -> "✓";
            case FAILED -> "✗";
            case RUNNING -> "◐";
            case PENDING -> "○";
            case SKIPPED -> "↷";
            case CANCELLED -> "⊘";
        };
    }

    /** {@code count(1, "job")} → "1 job", {@code count(3, "job")} → "3 jobs". */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
