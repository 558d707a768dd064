package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML with YAML 1.2 core-schema rules ({@code on}, {@code yes}, {@code no} are strings),
 * keeps line numbers, rejects duplicate keys and reads only the first document of a file.
 */
public final class YamlReader {

    /** Immutable and shared: building the core-schema resolvers per file is measurably slow. */
    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setSchema(new CoreSchema())
            .setMaxAliasesForCollections(200)
            .build();

    private YamlReader() {
    }

    /** Parses a file; {@code display} is the path used in error messages. */
    public static YNode read(Path file, Path display) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidInputException.at(display, "cannot read: " + e.getMessage());
        }
        return parse(text, display);
    }

    /** Parses text; returns {@code null} for an empty document. */
    public static YNode parse(String text, Path display) {
        try {
            Iterator<Node> documents = new Compose(SETTINGS).composeAllFromString(text).iterator();
            if (!documents.hasNext()) {
                return null;
            }
            Node first = documents.next();
            return first == null ? null : convert(first, display);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
            throw InvalidInputException.at(display, line, "invalid YAML: " + problem);
        } catch (YamlEngineException e) {
            throw InvalidInputException.at(display, "invalid YAML: " + e.getMessage());
        }
    }

    private static YNode convert(Node node, Path file) {
        int line = node.getStartMark().map(Mark::getLine).orElse(0) + 1;
        if (node instanceof ScalarNode scalar) {
            return new YScalar(scalar.getValue(), kindOf(scalar), file, line);
        }
        if (node instanceof SequenceNode sequence) {
            List<YNode> items = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                items.add(convert(item, file));
            }
            return new YList(items, file, line);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        List<YMap> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = keyNode.getStartMark().map(Mark::getLine).orElse(0) + 1;
            if (!(keyNode instanceof ScalarNode key)) {
                throw InvalidInputException.at(file, keyLine, "mapping keys must be scalars");
            }
            if (MergeKeys.isMergeKey(key)) {
                merged.addAll(MergeKeys.sources(convert(tuple.getValueNode(), file)));
                continue;
            }
            if (entries.containsKey(key.getValue())) {
                throw InvalidInputException.at(file, keyLine, "duplicate key \"" + key.getValue() + "\"");
            }
            entries.put(key.getValue(), convert(tuple.getValueNode(), file));
            keyLines.put(key.getValue(), keyLine);
        }
        return merged.isEmpty() ? new YMap(entries, file, line, keyLines)
                : MergeKeys.merge(entries, keyLines, merged, file, line);
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

    /** The root of a document as a mapping; an empty document or a non-mapping is an error. */
    public static YMap rootMap(YNode root, Path display) {
        if (root instanceof YMap map) {
            return map;
        }
        if (root == null) {
            throw InvalidInputException.at(display, "file is empty");
        }
        throw root.error("expected a mapping at the top level");
    }
}
