package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import dev.orun.plan.internal.model.ComponentDecl;
import dev.orun.plan.internal.yaml.YMap;
import dev.orun.plan.internal.yaml.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds {@code component.yaml}/{@code component.yml} under the discovery roots and parses them,
 * in parallel (a large monorepo has thousands). The result is in sorted path order.
 */
public final class ComponentDiscovery {

    private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".orun", "node_modules");

    private ComponentDiscovery() {
    }

    public static List<ComponentDecl> discover(Path root, List<String> roots, Path intentDisplay,
                                             Warnings warnings) {
        TreeSet<String> manifests = new TreeSet<>();
        for (String rootName : new TreeSet<>(roots)) {
            Path dir = root.resolve(rootName.strip()).normalize();
            if (!Files.isDirectory(dir)) {
                throw InvalidInputException.at(intentDisplay,
                        "discovery root \"" + rootName + "\" is not a directory");
            }
            walk(root, dir, manifests);
        }
        return manifests.parallelStream().map(rel -> parse(root, rel, warnings)).toList();
    }

    private static void walk(Path root, Path dir, Set<String> manifests) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    Path name = d.getFileName();
                    return !d.equals(dir) && name != null && SKIPPED_DIRS.contains(name.toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && (name.equals("component.yaml") || name.equals("component.yml"))) {
                        manifests.add(slash(root.relativize(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ComponentDecl parse(Path root, String rel, Warnings warnings) {
        Path display = Path.of(rel);
        YMap manifest = YamlReader.rootMap(YamlReader.read(root.resolve(rel), display), display);
        String kind = manifest.string("kind");
        if (!"Component".equals(kind)) {
            throw manifest.error("expected kind: Component, found " + (kind == null ? "no kind" : "\"" + kind + "\""));
        }
        DeclaredKeys.COMPONENT_FILE.check(manifest, warnings);
        DeclaredKeys.COMPONENT_METADATA.check(manifest.map("metadata"), warnings);
        YMap metadata = manifest.mapOrEmpty("metadata");
        String name = metadata.requiredString("name", "a component manifest's metadata");
        Path parent = display.getParent();
        String defaultPath = parent == null ? "./" : slash(parent);
        return ComponentParser.parse(name, metadata.lineOf("name"), manifest.mapOrEmpty("spec"), defaultPath,
                warnings);
    }

    static String slash(Path path) {
        return path.toString().replace('\\', '/');
    }
}
