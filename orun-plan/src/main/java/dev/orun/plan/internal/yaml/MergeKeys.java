package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * YAML merge keys ({@code <<: *anchor} or {@code <<: [*a, *b]}), as the Go planner's YAML library
 * applies them: keys written in the mapping itself win over merged ones, and among several merged
 * mappings the first listed wins. A quoted {@code "<<"} is an ordinary key.
 */
final class MergeKeys {

    private static final String MERGE = "<<";

    private MergeKeys() {
    }

    static boolean isMergeKey(ScalarNode key) {
        return MERGE.equals(key.getValue()) && key.getScalarStyle() == ScalarStyle.PLAIN;
    }

    /** The mappings a merge value names; anything else is an error at its line. */
    static List<YMap> sources(YNode value) {
        if (value instanceof YMap map) {
            return List.of(map);
        }
        if (value instanceof YList list) {
            for (YNode item : list.items()) {
                if (!(item instanceof YMap)) {
                    throw mergeError(item);
                }
            }
            return list.items().stream().map(YMap.class::cast).toList();
        }
        throw mergeError(value);
    }

    static YMap merge(Map<String, YNode> explicit, Map<String, Integer> explicitLines, List<YMap> sources,
                      Path file, int line) {
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        for (YMap source : sources) {
            source.entries().forEach((key, value) -> {
                if (!explicit.containsKey(key) && !entries.containsKey(key)) {
                    entries.put(key, value);
                    keyLines.put(key, source.keyLine(key));
                }
            });
        }
        entries.putAll(explicit);
        keyLines.putAll(explicitLines);
        return new YMap(entries, file, line, keyLines);
    }

    private static InvalidInputException mergeError(YNode value) {
        return value.error("a merge key \"<<\" must name a mapping or a list of mappings, not " + value.kindName());
    }
}
