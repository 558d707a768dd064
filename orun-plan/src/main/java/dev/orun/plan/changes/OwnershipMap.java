package dev.orun.plan.changes;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Maps a changed file to its owners: the component whose directory is the deepest one containing
 * the file (so nested components stay distinct), the component of a changed manifest, and the
 * composition types whose source files changed. Lookups walk the file's parent directories through
 * hash maps, so the cost is per changed file, never per workspace file.
 */
final class OwnershipMap {

    /** Directories whose contents are build output or tool state, never component sources. */
    static final Set<String> IGNORED_DIRS =
            Set.of(".git", ".orun", "node_modules", "build", "dist", "vendor");

    private final String intentFile;
    private final Set<String> ignoredDirs;
    private final Map<String, SortedSet<String>> componentsByDir = new HashMap<>();
    private final Map<String, String> componentByManifest = new HashMap<>();
    /** source dir → (type → type dir or null). */
    private final Map<String, Map<String, String>> typesBySource = new LinkedHashMap<>();

    OwnershipMap(OwnershipModel model, String intentFile) {
        this.intentFile = intentFile;
        Set<String> ignored = new java.util.HashSet<>(IGNORED_DIRS);
        ignored.addAll(model.excludedDirs());
        this.ignoredDirs = Set.copyOf(ignored);
        for (ComponentLocation c : model.components()) {
            if (c.dir() != null && !WorkspacePaths.escapes(c.dir())) {
                componentsByDir.computeIfAbsent(c.dir(), d -> new TreeSet<>()).add(c.name());
            }
            if (c.manifestPath() != null) {
                componentByManifest.put(c.manifestPath(), c.name());
            }
        }
        for (CompositionLocation comp : model.compositions()) {
            if (comp.sourceDir() == null || WorkspacePaths.escapes(comp.sourceDir())) {
                continue; // sources outside the workspace cannot show up in its diff
            }
            typesBySource.computeIfAbsent(comp.sourceDir(), d -> new LinkedHashMap<>())
                    .put(comp.type(), comp.typeDir());
        }
    }

    boolean isIntentFile(String path) {
        return path.equals(intentFile);
    }

    FileOwner classify(String path) {
        SortedSet<String> components = new TreeSet<>();
        SortedSet<String> types = new TreeSet<>();
        String manifestOwner = componentByManifest.get(path);
        if (manifestOwner != null) {
            // A manifest change always counts for its component, whatever directory it sits in.
            components.add(manifestOwner);
            return new FileOwner(path, components, types, "component manifest");
        }
        String ignored = ignoredSegment(path);
        if (ignored != null) {
            return new FileOwner(path, components, types, "ignored directory " + ignored);
        }
        addCompositionTypes(path, types);
        components.addAll(deepestOwner(path));
        String reason = components.isEmpty() && types.isEmpty() ? "outside every component" : null;
        return new FileOwner(path, components, types, reason);
    }

    private String ignoredSegment(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (ignoredDirs.contains(segments[i])) {
                return segments[i];
            }
        }
        return null;
    }

    private SortedSet<String> deepestOwner(String path) {
        String dir = WorkspacePaths.parent(path);
        while (true) {
            SortedSet<String> owners = componentsByDir.get(dir);
            if (owners != null) {
                return owners;
            }
            if (dir.equals(".")) {
                return new TreeSet<>();
            }
            dir = WorkspacePaths.parent(dir);
        }
    }

    private void addCompositionTypes(String path, SortedSet<String> types) {
        for (Map.Entry<String, Map<String, String>> source : typesBySource.entrySet()) {
            if (!WorkspacePaths.contains(source.getKey(), path)) {
                continue;
            }
            SortedSet<String> matched = new TreeSet<>();
            source.getValue().forEach((type, typeDir) -> {
                if (typeDir != null && WorkspacePaths.contains(typeDir, path)) {
                    matched.add(type);
                }
            });
            // A file outside every type folder (stack.yaml, shared files) may affect all types;
            // a source at the workspace root would claim every file that way, so it does not.
            boolean sourceRootFile = matched.isEmpty() && !source.getKey().equals(".");
            types.addAll(sourceRootFile ? source.getValue().keySet() : matched);
        }
    }

    /** Components of the given composition types. */
    static SortedSet<String> componentsOfTypes(OwnershipModel model, Set<String> types) {
        SortedSet<String> out = new TreeSet<>();
        for (ComponentLocation c : model.components()) {
            if (types.contains(c.type())) {
                out.add(c.name());
            }
        }
        return out;
    }

    static List<String> sortedNames(Set<String> names) {
        return List.copyOf(new TreeSet<>(names));
    }
}
