package dev.orun.runner.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing a scratch tree, including the mode-000 directory an overlay leaves in its work dir. */
final class Trees {

    private Trees() {
    }

    static void deleteQuietly(Path root) {
        root.toFile().setReadable(true, true);
        root.toFile().setWritable(true, true);
        root.toFile().setExecutable(true, true);
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setReadable(true, true);
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    // the overlay's mode-000 work/work directory (for a user who is not root)
                    if (Files.isDirectory(file) && file.toFile().setReadable(true, true)
                            && file.toFile().setWritable(true, true) && file.toFile().setExecutable(true, true)) {
                        deleteQuietly(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a scratch directory left behind is only disk space
        }
    }
}
