package dev.orun.plan.internal.load;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** {@code sha256:<hex>} digests of local composition sources, recorded in the plan's spec. */
final class SourceDigests {

    private SourceDigests() {
    }

    /** Over every file of the tree, sorted by relative path: {@code path "\n" content "\n"} each. */
    static String ofDirectory(Path dir, List<String> sortedFiles) {
        MessageDigest digest = sha256();
        for (String rel : sortedFiles) {
            digest.update((rel + "\n").getBytes(StandardCharsets.UTF_8));
            digest.update(read(dir.resolve(rel)));
            digest.update((byte) '\n');
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    static String ofFile(Path file) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(read(file)));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw InvalidInputException.at(file, "cannot read: " + e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
