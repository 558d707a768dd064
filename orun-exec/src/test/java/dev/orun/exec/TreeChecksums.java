package dev.orun.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every entry of a tree (files by content, links by target, directories by name), for before/after comparisons. */
final class TreeChecksums {

    private TreeChecksums() {
    }

    /** Relative path → digest, leaving out {@code except} (relative, e.g. {@code .orun}). */
    static Map<String, String> of(Path root, String except) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String relative = root.relativize(entry).toString();
                if (except != null && (relative.equals(except) || relative.startsWith(except + "/"))) {
                    continue;
                }
                if (Files.isSymbolicLink(entry)) {
                    sums.put(relative, "link:" + Files.readSymbolicLink(entry));
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    sums.put(relative, "dir");
                } else {
                    sums.put(relative, sha256(Files.readAllBytes(entry)));
                }
            }
        }
        return sums;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
