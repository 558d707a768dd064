package dev.orun.cli;

import dev.orun.core.text.EditDistance;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for mistyped command names: the known names within two edits (insertions,
 * deletions, substitutions, or swaps of neighbouring letters, so {@code rnu} finds {@code run}),
 * closest first.
 */
final class Suggestions {

    private static final int MAX_EDITS = 2;

    private Suggestions() {
    }

    static List<String> closest(String typed, Collection<String> known) {
        String word = typed.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(name -> !name.isEmpty())
                .filter(name -> EditDistance.between(word, name.toLowerCase(Locale.ROOT)) <= Math.min(MAX_EDITS, name.length() - 1))
                .sorted(Comparator.comparingInt((String name) -> EditDistance.between(word, name.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
