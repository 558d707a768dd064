package dev.orun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies fixture workspaces into a test's temporary directory. */
final class TestTrees {

    private TestTrees() {
    }

    /** Copies the tree at {@code from} to {@code to}, leaving out any {@code .orun} records. */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : (Iterable<Path>) tree::iterator) {
                Path relative = from.relativize(source);
                if (relative.getNameCount() > 0 && relative.getName(0).toString().equals(".orun")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
