package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A {@code .tar.gz} composition source, read into memory (never extracted to disk). Only regular
 * files are kept; an entry whose name is absolute or climbs out with {@code ..} is refused. When
 * the archive wraps everything in one top-level folder, that folder is the tree root.
 */
final class ArchiveTree implements SourceTree {

    private static final long MAX_TOTAL_BYTES = 64L * 1024 * 1024;

    private final Map<String, byte[]> files;
    private final Path display;

    private ArchiveTree(Map<String, byte[]> files, Path display) {
        this.files = files;
        this.display = display;
    }

    static ArchiveTree read(Path archive, Path display) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive));
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = safeName(entry.getName(), display);
                if (!entry.isFile() || name.isEmpty()) {
                    continue;
                }
                byte[] content = tar.readAllBytes();
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw InvalidInputException.at(display, "archive is larger than 64 MiB unpacked");
                }
                files.put(name, content);
            }
        } catch (IOException e) {
            throw InvalidInputException.at(display, "cannot read archive: " + e.getMessage());
        }
        return new ArchiveTree(stripSingleTopFolder(files), display);
    }

    private static String safeName(String raw, Path display) {
        String name = raw.replace('\\', '/');
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw InvalidInputException.at(display, "archive entry \"" + raw + "\" has an absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw InvalidInputException.at(display, "archive entry \"" + raw + "\" escapes the archive root");
            }
        }
        return name.endsWith("/") ? "" : name;
    }

    private static Map<String, byte[]> stripSingleTopFolder(Map<String, byte[]> files) {
        if (files.containsKey("stack.yaml") || files.containsKey("orun.yaml") || files.isEmpty()) {
            return files;
        }
        String first = files.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String prefix = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(k -> k.startsWith(prefix))) {
            return files;
        }
        Map<String, byte[]> stripped = new TreeMap<>();
        files.forEach((k, v) -> stripped.put(k.substring(prefix.length()), v));
        return stripped;
    }

    @Override
    public List<String> files() {
        return List.copyOf(files.keySet());
    }

    @Override
    public Optional<String> read(String relPath) {
        byte[] content = files.get(relPath);
        return content == null ? Optional.empty() : Optional.of(new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public Path display(String relPath) {
        return Path.of(display + "!/" + relPath);
    }
}
