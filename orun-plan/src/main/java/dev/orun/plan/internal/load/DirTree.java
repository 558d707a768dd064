package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A composition source directory. */
final class DirTree implements SourceTree {

    private final Path dir;
    private final Path displayDir;

    DirTree(Path dir, Path displayDir) {
        this.dir = dir;
        this.displayDir = displayDir;
    }

    @Override
    public List<String> files() {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> ComponentDiscovery.slash(dir.relativize(p)))
                    .filter(rel -> !rel.startsWith(".git/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw InvalidInputException.at(displayDir, "cannot list composition source: " + e.getMessage());
        }
    }

    @Override
    public Optional<String> read(String relPath) {
        Path file = dir.resolve(relPath).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw InvalidInputException.at(display(relPath), "cannot read: " + e.getMessage());
        }
    }

    @Override
    public Path display(String relPath) {
        return displayDir.resolve(relPath).normalize();
    }
}
