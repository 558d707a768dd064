package dev.orun.plan.internal.yaml;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bounds that keep hostile YAML from exhausting memory, the stack or time (see
 * docs/decisions/yaml-resource-limits.md). Each is far above what real workspace files need.
 */
final class YamlLimits {

    /** Bytes (or characters, for text from an archive) read from one YAML file. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    /** Nested mappings and sequences in one document. */
    static final int MAX_DEPTH = 200;

    /** Nodes that aliases may add to a document when they are expanded. */
    static final long MAX_ALIAS_EXPANSION = 100_000;

    private YamlLimits() {
    }

    /** Refuses a file over {@link #MAX_BYTES} before reading it, naming the line where it crosses. */
    static void checkSize(Path file, Path display) throws IOException {
        if (Files.size(file) <= MAX_BYTES) {
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_BYTES);
        }
        int line = 1;
        for (byte b : head) {
            if (b == '\n') {
                line++;
            }
        }
        throw tooLarge(display, line);
    }

    /** The same bound for text that did not come from a file of its own. */
    static void checkSize(String text, Path display) {
        if (text.length() <= MAX_BYTES) {
            return;
        }
        int line = 1;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        throw tooLarge(display, line);
    }

    private static InvalidInputException tooLarge(Path display, int line) {
        return InvalidInputException.at(display, line, "file is larger than " + (MAX_BYTES / (1024 * 1024))
                + " MiB, the most orun reads from one YAML file");
    }
}
