package dev.orun.plan.internal.load;

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
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

}
