package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.model.Intent;
import dev.orun.plan.internal.sources.oci.OciSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything declared in a workspace: the intent, its components (by name) and compositions. */
public record WorkspaceModel(Path root, Intent intent, Map<String, ComponentDecl> components,
                             CompositionRegistry compositions, Warnings warnings) {

    /** Loads with this process's environment (for the OCI cache and registry credentials). */
    public static WorkspaceModel load(Path root, Path intentFile) {
        return load(root, intentFile, System.getenv());
    }

    /**
     * Loads intent, components (inline first, then discovered) and composition sources;
     * {@code env} locates the OCI cache and Docker credentials.
     */
    public static WorkspaceModel load(Path root, Path intentFile, Map<String, String> env) {
        Path intentDisplay = root.relativize(intentFile.toAbsolutePath().normalize());
        Warnings warnings = new Warnings();
        SourceTrees trees = new SourceTrees(root, intentDisplay, new OciSources(env), configDir(env));
        Intent intent = IntentLoader.load(intentFile, intentDisplay, warnings, trees);
        List<ComponentDecl> all = new ArrayList<>(intent.inlineComponents());
        all.addAll(ComponentDiscovery.discover(root, intent.discoveryRoots(), intentDisplay, warnings));
        Map<String, ComponentDecl> byName = new TreeMap<>();
        Map<String, ComponentDecl> seen = new HashMap<>();
        for (ComponentDecl component : all) {
            ComponentDecl previous = seen.putIfAbsent(component.name(), component);
            if (previous != null) {
                throw InvalidInputException.at(component.file(), component.line(), "duplicate component name \""
                        + component.name() + "\" (also declared in " + previous.file().toString().replace('\\', '/')
                        + ":" + previous.line() + ")");
            }
            byName.put(component.name(), component);
        }
        CompositionRegistry registry = CompositionRegistry.load(trees, intent, warnings);
        return new WorkspaceModel(root, intent, Collections.unmodifiableMap(byName), registry, warnings);
    }

    /** The legacy {@code --config-dir}: the CLI flag arrives as {@code ORUN_CONFIG_DIR}, as in the Go orun. */
    private static Path configDir(Map<String, String> env) {
        String dir = env.get("ORUN_CONFIG_DIR");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }
}
