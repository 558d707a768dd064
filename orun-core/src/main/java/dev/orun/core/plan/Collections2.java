package dev.orun.core.plan;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Defensive, sorted, unmodifiable copies for the plan records; null becomes empty. */
final class Collections2 {
    private Collections2() {
    }

    static <V> Map<String, V> sortedMap(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptyMap();
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static List<String> sortedList(List<String> list) {
        return list == null ? List.of() : list.stream().sorted().distinct().toList();
    }
}
