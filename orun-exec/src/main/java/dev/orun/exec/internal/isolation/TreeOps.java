package dev.orun.exec.internal.isolation;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** The file-tree operations staging is built from. */
final class TreeOps {

    private TreeOps() {
    }

    /** Fills {@code targetDir} with a link to each entry of {@code sourceDir} except {@code except} and {@code .orun}. */
    static void linkEntries(Path sourceDir, Path targetDir, String except) throws IOException {
        Files.createDirectories(targetDir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sourceDir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(except) && !name.equals(".orun")) {
                    Files.createSymbolicLink(targetDir.resolve(name), entry);
                }
            }
        }
    }

    /** Copies a directory tree without what {@code rules} ignore; symbolic links are recreated as they are. */
    static void copyTree(Path source, Path target, IgnoreRules rules, boolean workspaceRoot)
            throws IOException {
        Files.createDirectories(target);
        if (!Files.isDirectory(source)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (workspaceRoot && name.equals(".git")) {
                    continue;
                }
                BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (rules.ignored(entry, attrs.isDirectory())) {
                    continue;
                }
                Path destination = target.resolve(name);
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(destination, Files.readSymbolicLink(entry));
                } else if (attrs.isDirectory()) {
                    copyTree(entry, destination, rules.enter(entry), false);
                } else if (attrs.isRegularFile()) {
                    Files.copy(entry, destination, StandardCopyOption.COPY_ATTRIBUTES,
                            LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    /** Deletes a tree without following links; a missing path is fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(path) || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                // an overlay's work directory holds a mode-000 directory: open it up, then remove
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                        && file.toFile().setReadable(true, true) && file.toFile().setWritable(true, true)
                        && file.toFile().setExecutable(true, true)) {
                    deleteTree(file);
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
