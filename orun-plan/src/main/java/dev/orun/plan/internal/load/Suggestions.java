package dev.orun.plan.internal.load;

import dev.orun.core.text.EditDistance;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;

/** "Did you mean …?": the nearest known name to a misspelt one. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate nearest to {@code key} by edit distance (case-insensitive), when it is close
     * enough to be a typo: at most one edit for short keys, two for longer ones, three from ten
     * characters on. Ties go to the alphabetically first key, so suggestions are stable.
     */
    public static String closest(String key, Collection<String> candidates) {
        String lower = key.toLowerCase(Locale.ROOT);
        int limit = key.length() <= 4 ? 1 : key.length() < 10 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(candidates)) {
            int distance = EditDistance.between(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? best : null;
    }
}
