package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YMap;
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
            String suggestion = Suggestions.closest(key, candidates);
            warnings.add(map.file(), line, "unknown key \"" + key + "\" in " + where
                    + (suggestion == null ? " is ignored" : "; did you mean \"" + suggestion + "\"?"));
        }
    }
}
