package dev.orun.plan.internal.load;

import dev.orun.plan.internal.yaml.YList;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YScalar;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parameter, env and path values get a small substitution, not the step template engine: the
 * exact spellings {@code {{.environment}}}, {@code {{.group}}} and {@code {{.component}}} are
 * replaced and every other {@code {{…}}} span is removed, as the original tool does (repositories
 * rely on it). Run-time expressions {@code ${{ … }}} are kept. The removal is silent in the
 * original; here each removed span is a warning at the value's line.
 */
public final class InterpolatedValues {

    /** A {@code {{…}}} span on one line, with an optional {@code $} in front (group 1). */
    public static final Pattern SPAN = Pattern.compile("(\\$?)\\{\\{(.*?)}}");

    public static final Set<String> SUBSTITUTED = Set.of(".environment", ".group", ".component");

    private InterpolatedValues() {
    }

    /** Warns for the component {@code spec}: its parameters, env, path and subscriptions. */
    static void checkComponent(YMap spec, Warnings warnings) {
        checkTopLevel(spec.map("parameters"), "parameter", warnings);
        checkTopLevel(spec.map("env"), "env", warnings);
        checkValue(spec.get("path"), "path", warnings);
        YMap subscribe = spec.map("subscribe");
        YNode environments = subscribe == null ? null : subscribe.get("environments");
        if (environments instanceof YList list) {
            for (YNode entry : list.items()) {
                if (entry instanceof YMap subscription) {
                    checkTopLevel(subscription.map("parameters"), "parameter", warnings);
                    checkTopLevel(subscription.map("env"), "env", warnings);
                }
            }
        }
    }

    /** Warns for the intent: env, and the environments' and groups' parameter defaults and env. */
    static void checkIntent(YMap root, Warnings warnings) {
        checkTopLevel(root.map("env"), "env", warnings);
        for (String section : new String[] {"environments", "groups"}) {
            YMap owners = root.map(section);
            if (owners == null) {
                continue;
            }
            owners.entries().values().forEach(owner -> {
                if (owner instanceof YMap map) {
                    checkTopLevel(map.map("env"), "env", warnings);
                    YMap defaults = map.map("parameterDefaults");
                    if (defaults != null) {
                        defaults.entries().values().forEach(byType ->
                                checkTopLevel(byType instanceof YMap m ? m : null, "parameter", warnings));
                    }
                }
            });
        }
    }

    private static void checkTopLevel(YMap values, String what, Warnings warnings) {
        if (values != null) {
            values.entries().forEach((key, value) -> checkValue(value, what + " \"" + key + "\"", warnings));
        }
    }

    private static void checkValue(YNode value, String what, Warnings warnings) {
        if (!(value instanceof YScalar scalar) || scalar.kind() != YScalar.Kind.STRING
                || !scalar.text().contains("{{")) {
            return;
        }
        Matcher matcher = SPAN.matcher(scalar.text());
        while (matcher.find()) {
            if (matcher.group(1).isEmpty() && !SUBSTITUTED.contains(matcher.group(2).strip())) {
                warnings.at(value, what + ": " + matcher.group() + " is removed (parameter, env and path values "
                        + "substitute only {{.environment}}, {{.group}} and {{.component}}; the step templates see "
                        + ".orun, .parameters and .env)");
            }
        }
    }
}
