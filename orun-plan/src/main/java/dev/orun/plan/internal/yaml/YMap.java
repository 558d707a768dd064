package dev.orun.plan.internal.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML mapping with typed accessors. Absent keys and explicit nulls read as "not set"; a value of
 * the wrong shape is an error at the value's line. Unknown keys are simply never asked for.
 */
public record YMap(Map<String, YNode> entries, Path file, int line, Map<String, Integer> keyLines)
        implements YNode {

    public YMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyLines = keyLines == null ? Map.of() : Map.copyOf(keyLines);
    }

    public YMap(Map<String, YNode> entries, Path file, int line) {
        this(entries, file, line, Map.of());
    }

    /** The line the key itself is on (its value may start on a later line). */
    public int keyLine(String key) {
        Integer keyLine = keyLines.get(key);
        return keyLine != null ? keyLine : lineOf(key);
    }

    public static YMap empty(Path file, int line) {
        return new YMap(Map.of(), file, line);
    }

    /** The value, or {@code null} when the key is absent or explicitly null. */
    public YNode get(String key) {
        YNode node = entries.get(key);
        return node instanceof YScalar s && s.isNull() ? null : node;
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    public String string(String key) {
        YNode node = get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YScalar s) {
            return s.text();
        }
        throw node.error("\"" + key + "\" must be a string, not " + node.kindName());
    }

    public String requiredString(String key, String owner) {
        String value = string(key);
        if (value == null || value.isBlank()) {
            throw error(owner + " must have \"" + key + "\"");
        }
        return value;
    }

    public YMap map(String key) {
        YNode node = get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YMap m) {
            return m;
        }
        throw node.error("\"" + key + "\" must be a mapping, not " + node.kindName());
    }

    public YMap mapOrEmpty(String key) {
        YMap map = map(key);
        return map == null ? empty(file, line) : map;
    }

    /** The items of a list value; a missing key gives an empty list. */
    public List<YNode> items(String key) {
        YNode node = get(key);
        if (node == null) {
            return List.of();
        }
        if (node instanceof YList l) {
            return l.items();
        }
        throw node.error("\"" + key + "\" must be a list, not " + node.kindName());
    }

    /** A list of strings; a single scalar is accepted as a one-element list. */
    public List<String> stringList(String key) {
        YNode node = get(key);
        if (node instanceof YScalar s) {
            return List.of(s.text());
        }
        List<String> values = new ArrayList<>();
        for (YNode item : items(key)) {
            if (!(item instanceof YScalar s)) {
                throw item.error("entries of \"" + key + "\" must be strings");
            }
            if (!s.isNull()) {
                values.add(s.text());
            }
        }
        return values;
    }

    /** A map whose values are strings: scalars keep their source text ({@code 8080} → "8080"). */
    public Map<String, String> stringMap(String key) {
        YMap map = map(key);
        if (map == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        map.entries().forEach((k, v) -> {
            if (!(v instanceof YScalar s)) {
                throw v.error("\"" + key + "." + k + "\" must be a string, not " + v.kindName());
            }
            values.put(k, s.isNull() ? "" : s.text());
        });
        return values;
    }

    /** A map whose values are typed YAML values (parameters, {@code with}). */
    public Map<String, Object> anyMap(String key) {
        YMap map = map(key);
        return map == null ? new LinkedHashMap<>() : map.toValue();
    }

    public int integer(String key, int defaultValue) {
        YNode node = get(key);
        if (node == null) {
            return defaultValue;
        }
        if (node instanceof YScalar s && s.kind() == YScalar.Kind.INT
                && s.toValue() instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            return l.intValue();
        }
        throw node.error("\"" + key + "\" must be an integer");
    }

    public Boolean bool(String key) {
        YNode node = get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YScalar s && s.kind() == YScalar.Kind.BOOL) {
            return (Boolean) s.toValue();
        }
        throw node.error("\"" + key + "\" must be true or false");
    }

    /** The line of a key's value, or of the mapping itself when the key is absent. */
    public int lineOf(String key) {
        YNode node = entries.get(key);
        return node == null ? line : node.line();
    }

    @Override
    public Map<String, Object> toValue() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((k, v) -> values.put(k, v.toValue()));
        return values;
    }
}
