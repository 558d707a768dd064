package dev.orun.plan.changes;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The component fields only change detection uses: {@code change.watches} and the
 * {@code input: true} flag of {@code dependsOn} entries. Read straight from the manifests (and the
 * inline components of intent.yaml) so the compiler's model need not carry them; files that do not
 * mention either key are not parsed.
 */
public final class ChangeFields {

    /** The intent.yaml sections a component may watch. */
    public static final Set<String> WATCHABLE = Set.of("automation", "compositions", "discovery", "env",
            "environments", "execution", "groups");

    private final Map<String, List<String>> watches = new HashMap<>();
    private final Set<List<String>> inputEdges = new java.util.HashSet<>();

    private ChangeFields() {
    }

    /**
     * @param root          workspace root
     * @param intentFile    intent file, relative to the root
     * @param manifestPaths component manifests, relative to the root
     */
    public static ChangeFields read(Path root, String intentFile, Collection<String> manifestPaths) {
        ChangeFields fields = new ChangeFields();
        for (String manifest : manifestPaths) {
            fields.parse(root, manifest).ifPresent(doc -> {
                Node spec = get(doc, "spec");
                String name = scalar(get(get(doc, "metadata"), "name"));
                if (name != null && spec != null) {
                    fields.component(name, spec, manifest);
                }
            });
        }
        fields.parse(root, intentFile).ifPresent(doc -> {
            if (get(doc, "components") instanceof SequenceNode list) {
                for (Node entry : list.getValue()) {
                    String name = scalar(get(entry, "name"));
                    if (name != null) {
                        fields.component(name, entry, intentFile);
                    }
                }
            }
        });
        return fields;
    }

    public List<String> watches(String component) {
        return watches.getOrDefault(component, List.of());
    }

    /** True when {@code component} declares {@code dependsOn: [{component: target, input: true}]}. */
    public boolean input(String component, String target) {
        return inputEdges.contains(List.of(component, target));
    }

    private void component(String name, Node spec, String file) {
        Node watchNode = get(get(spec, "change"), "watches");
        if (watchNode instanceof SequenceNode seq) {
            List<String> list = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String section = scalar(item);
                if (section == null || !WATCHABLE.contains(section)) {
                    throw InvalidInputException.at(Path.of(file), line(item), "component \"" + name
                            + "\": change.watches: unknown section \"" + section + "\" (expected one of "
                            + String.join(", ", new TreeSet<>(WATCHABLE)) + ")");
                }
                list.add(section);
            }
            watches.put(name, List.copyOf(list));
        }
        if (get(spec, "dependsOn") instanceof SequenceNode deps) {
            for (Node dep : deps.getValue()) {
                String target = scalar(get(dep, "component"));
                if (target != null && "true".equals(scalar(get(dep, "input")))) {
                    inputEdges.add(List.of(name, target));
                }
            }
        }
    }

    private Optional<Node> parse(Path root, String relative) {
        Path file = root.resolve(relative);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + ": " + e.getMessage(), e);
        }
        if (!text.contains("watches") && !text.contains("input")) {
            return Optional.empty();
        }
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(relative).build();
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
            return composer.hasNext() ? Optional.of(composer.next()) : Optional.empty();
        } catch (YamlEngineException e) {
            return Optional.empty(); // the compiler reports bad YAML with its line
        }
    }

    private static Node get(Node map, String key) {
        if (map instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (key.equals(scalar(t.getKeyNode()))) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static String scalar(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : null;
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
