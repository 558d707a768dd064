package dev.orun.plan.changes;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Semantic difference between two versions of intent.yaml: which top-level sections, which
 * environments and which inline components changed. Formatting, comments and key order are not
 * changes; list order is (it is meaningful in most sections).
 */
final class IntentDiff {

    /** Sections that describe the intent rather than configure it. */
    private static final Set<String> NOT_SETTINGS = Set.of("apiVersion", "kind", "metadata");

    /**
     * @param sections     changed top-level sections other than {@code components} and
     *                     {@code environments} (those are broken down below)
     * @param environments environments added, removed or changed
     * @param components   inline components added, removed or changed
     */
    record Result(SortedSet<String> sections, SortedSet<String> environments,
                  SortedSet<String> components) {

        boolean isEmpty() {
            return sections.isEmpty() && environments.isEmpty() && components.isEmpty();
        }
    }

    private IntentDiff() {
    }

    /** Parses both versions; throws {@link IllegalArgumentException} when either is not YAML. */
    static Result between(String baseText, String headText) {
        Map<String, Object> base = parse(baseText);
        Map<String, Object> head = parse(headText);
        SortedSet<String> sections = new TreeSet<>();
        Set<String> keys = new TreeSet<>(base.keySet());
        keys.addAll(head.keySet());
        for (String key : keys) {
            if (NOT_SETTINGS.contains(key) || key.equals("components") || key.equals("environments")) {
                continue;
            }
            if (!Objects.equals(base.get(key), head.get(key))) {
                sections.add(key);
            }
        }
        SortedSet<String> environments = changedKeys(asMap(base.get("environments")),
                asMap(head.get("environments")));
        SortedSet<String> components = changedKeys(inlineComponents(base.get("components")),
                inlineComponents(head.get("components")));
        return new Result(sections, environments, components);
    }

    private static SortedSet<String> changedKeys(Map<String, Object> base, Map<String, Object> head) {
        SortedSet<String> changed = new TreeSet<>();
        Set<String> keys = new TreeSet<>(base.keySet());
        keys.addAll(head.keySet());
        for (String key : keys) {
            if (!Objects.equals(base.get(key), head.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    /** Inline components keyed by name, so reordering the list is not a change. */
    private static Map<String, Object> inlineComponents(Object node) {
        Map<String, Object> byName = new LinkedHashMap<>();
        if (node instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map && map.get("name") != null) {
                    byName.put(String.valueOf(map.get("name")), map);
                }
            }
        }
        return byName;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        return Map.of();
    }

    private static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            // The workspace's reader: first document only, and the same bounds on size, nesting
            // and aliases as every other orun YAML file (a base revision is input too).
            YNode root = YamlReader.parse(text, Path.of("intent.yaml"));
            return root == null ? Map.of() : asMap(root.toValue());
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
