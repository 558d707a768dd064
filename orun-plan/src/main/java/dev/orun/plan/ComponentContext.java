package dev.orun.plan;

import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YNode;
import dev.orun.plan.internal.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which component the user is "in": the nearest {@code component.yaml}/{@code component.yml}
 * walking up from the current directory towards the workspace root. A manifest at the root itself
 * does not count, so running from the root never narrows the plan by accident.
 */
public final class ComponentContext {

    private static final String[] MANIFEST_NAMES = {"component.yaml", "component.yml"};

    private ComponentContext() {
    }

    public static Optional<String> componentAt(Workspace ws, Path cwd) {
        if (cwd == null) {
            return Optional.empty();
        }
        Path dir = Workspace.real(cwd);
        if (!dir.startsWith(ws.root())) {
            return Optional.empty();
        }
        for (; dir != null && !dir.equals(ws.root()) && dir.startsWith(ws.root()); dir = dir.getParent()) {
            for (String name : MANIFEST_NAMES) {
                Path manifest = dir.resolve(name);
                if (Files.isRegularFile(manifest)) {
                    Optional<String> component = nameOf(manifest, ws.display(manifest));
                    if (component.isPresent()) {
                        return component;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameOf(Path manifest, Path display) {
        YNode root = YamlReader.read(manifest, display);
        if (root instanceof YMap map && "Component".equals(map.string("kind"))) {
            return Optional.ofNullable(map.mapOrEmpty("metadata").string("name"));
        }
        return Optional.empty();
    }
}
