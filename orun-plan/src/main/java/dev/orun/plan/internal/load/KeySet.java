package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YMap;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys one kind of YAML mapping may have. Keys outside the set are reported once each as a
 * warning at the key's line, with the closest known key as a suggestion; {@code ignored} keys are
 * ones the Go planner gives meaning to but this compiler does not implement, so they warn too
 * instead of vanishing (docs/decisions/plan-warnings.md).
 *
 * @param where   how the mapping is named in a warning, e.g. "component spec"
 * @param known   keys this compiler reads, or that the Go planner ignores too (catalog fields)
 * @param ignored keys with meaning in the Go planner that are not implemented here
 */
record KeySet(String where, Set<String> known, Set<String> ignored) {

    KeySet {
        known = Set.copyOf(known);
        ignored = Set.copyOf(ignored);
    }

    static KeySet of(String where, String... known) {
        return new KeySet(where, Set.of(known), Set.of());
    }

    KeySet plus(String... more) {
        Set<String> all = new TreeSet<>(known);
        all.addAll(Set.of(more));
        return new KeySet(where, all, ignored);
    }

    /** Moves {@code keys} from known to ignored: they warn as "not supported" when present. */
    KeySet ignoring(String... keys) {
        Set<String> all = new TreeSet<>(ignored);
        all.addAll(Set.of(keys));
        Set<String> rest = new TreeSet<>(known);
        rest.removeAll(all);
        return new KeySet(where, rest, all);
    }

    /** Warns about every key of {@code map} this set does not know. A null map has no keys. */
    void check(YMap map, Warnings warnings) {
        if (map == null) {
            return;
        }
        for (String key : map.entries().keySet()) {
            if (known.contains(key)) {
                continue;
            }
            int line = map.keyLine(key);
            if (ignored.contains(key)) {
                warnings.add(map.file(), line, "\"" + key + "\" in " + where
                        + " is not supported by this orun and is ignored");
                continue;
            }
            Set<String> candidates = new TreeSet<>(known);
            candidates.addAll(ignored);
            String suggestion = closest(key, candidates);
            warnings.add(map.file(), line, "unknown key \"" + key + "\" in " + where
                    + (suggestion == null ? " is ignored" : "; did you mean \"" + suggestion + "\"?"));
        }
    }

    /**
     * The known key nearest to {@code key} by edit distance (case-insensitive), when it is close
     * enough to be a typo: at most one edit for short keys, two for longer ones, three from ten
     * characters on. Ties go to the alphabetically first key, so suggestions are stable.
     */
    static String closest(String key, Collection<String> candidates) {
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
