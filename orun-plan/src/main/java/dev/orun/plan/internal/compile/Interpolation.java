package dev.orun.plan.internal.compile;

import dev.orun.plan.internal.load.InterpolatedValues;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small substitution applied to parameter, env and path values (not to steps): the exact
 * spellings {@code {{.environment}}}, {@code {{.group}}} and {@code {{.component}}} (with or
 * without inner spaces) are replaced, any other {@code {{…}}} span is removed, as the original
 * tool does (each removal is warned about when the value is loaded, see {@link InterpolatedValues}).
 * Run-time expressions {@code ${{ … }}} are kept as they are.
 */
final class Interpolation {

    private static final Pattern SPAN = InterpolatedValues.SPAN;

    private final String environment;
    private final String group;
    private final String component;

    Interpolation(String environment, String group, String component) {
        this.environment = environment;
        this.group = group == null ? "" : group;
        this.component = component;
    }

    /** Substitutes, then trims surrounding whitespace as the Go planner does for every string value. */
    String apply(String value) {
        if (value == null || !value.contains("{{")) {
            return value == null ? null : value.strip();
        }
        Matcher matcher = SPAN.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (!matcher.group(1).isEmpty()) {
                replacement = matcher.group();
            } else {
                replacement = switch (matcher.group(2).strip()) {
                    case ".environment" -> environment;
                    case ".group" -> group;
                    case ".component" -> component;
                    default -> "";
                };
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    Map<String, Object> applyToStrings(Map<String, Object> values) {
        Map<String, Object> result = new LinkedHashMap<>(values.size());
        values.forEach((k, v) -> result.put(k, v instanceof String s ? apply(s) : v));
        return result;
    }

    Map<String, String> applyToEnv(Map<String, String> values) {
        Map<String, String> result = new LinkedHashMap<>(values.size());
        values.forEach((k, v) -> result.put(k, apply(v)));
        return result;
    }
}
