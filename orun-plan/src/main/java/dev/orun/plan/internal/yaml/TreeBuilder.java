package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Turns a composed YAML node graph into {@link YNode}s. An alias is the same {@link Node} object
 * as its anchor, so each node is converted once and every alias shares the result: an alias bomb
 * costs memory linear in the file, and the size it would have once expanded (which
 * {@link YNode#toValue()} and the plan would materialise) is counted and bounded instead. A node
 * reached again while it is still being converted is a recursive alias.
 */
final class TreeBuilder {

    /** A converted node and how many nodes it stands for with every alias inside it expanded. */
    private record Built(YNode node, long expandedSize) {
    }

    private static final Built IN_PROGRESS = new Built(null, 0);

    private final Path file;
    private final Map<Node, Built> built = new IdentityHashMap<>();
    private long aliasExpansion;

    private TreeBuilder(Path file) {
        this.file = file;
    }

    static YNode build(Node root, Path file) {
        return new TreeBuilder(file).convert(root, lineOf(root)).node();
    }

    /** {@code usedAt}: the line that refers to the node (for an alias, the line of its key). */
    private Built convert(Node node, int usedAt) {
        Built known = built.get(node);
        if (known == IN_PROGRESS) {
            String anchor = node.getAnchor().map(a -> " &" + a.getValue()).orElse("");
            throw InvalidInputException.at(file, lineOf(node),
                    "recursive alias: anchor" + anchor + " contains an alias to itself");
        }
        if (known != null) {
            aliasExpansion += known.expandedSize();
            if (aliasExpansion > YamlLimits.MAX_ALIAS_EXPANSION) {
                throw InvalidInputException.at(file, usedAt, "aliases expand this document beyond "
                        + YamlLimits.MAX_ALIAS_EXPANSION + " nodes");
            }
            return known;
        }
        built.put(node, IN_PROGRESS);
        Built result = build(node);
        built.put(node, result);
        return result;
    }

    private Built build(Node node) {
        int line = lineOf(node);
        if (node instanceof ScalarNode scalar) {
            return new Built(new YScalar(scalar.getValue(), kindOf(scalar), file, line), 1);
        }
        if (node instanceof SequenceNode sequence) {
            List<YNode> items = new ArrayList<>(sequence.getValue().size());
            long size = 1;
            for (Node item : sequence.getValue()) {
                Built child = convert(item, line);
                items.add(child.node());
                size += child.expandedSize();
            }
            return new Built(new YList(items, file, line), size);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        List<YMap> merged = new ArrayList<>();
        long size = 1;
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = lineOf(keyNode);
            if (!(keyNode instanceof ScalarNode key)) {
                throw InvalidInputException.at(file, keyLine, "mapping keys must be scalars");
            }
            Built value = convert(tuple.getValueNode(), keyLine);
            // Merged entries are counted with their source (an upper bound: explicit keys win).
            size += 1 + value.expandedSize();
            if (MergeKeys.isMergeKey(key)) {
                merged.addAll(MergeKeys.sources(value.node()));
                continue;
            }
            if (entries.containsKey(key.getValue())) {
                throw InvalidInputException.at(file, keyLine, "duplicate key \"" + key.getValue() + "\"");
            }
            entries.put(key.getValue(), value.node());
            keyLines.put(key.getValue(), keyLine);
        }
        YMap map = merged.isEmpty() ? new YMap(entries, file, line, keyLines)
                : MergeKeys.merge(entries, keyLines, merged, file, line);
        return new Built(map, size);
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    private static YScalar.Kind kindOf(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        if (Tag.INT.equals(tag)) {
            return YScalar.Kind.INT;
        }
        if (Tag.FLOAT.equals(tag)) {
            return YScalar.Kind.FLOAT;
        }
        if (Tag.BOOL.equals(tag)) {
            return YScalar.Kind.BOOL;
        }
        if (Tag.NULL.equals(tag)) {
            return YScalar.Kind.NULL;
        }
        return YScalar.Kind.STRING;
    }
}
