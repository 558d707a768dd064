package dev.orun.core.plan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level helpers that let one pretty serialisation of a plan serve as both the saved file and
 * the checksum input, instead of serialising a 16 MB plan twice. They rely only on what Jackson
 * writes: whitespace between tokens is the pretty printer's, string contents never hold a raw
 * control character, and every {@code "} inside a string is escaped.
 */
final class CanonicalBytes {

    /** Same length as a real checksum, so swapping it in keeps every offset. */
    static final String PLACEHOLDER = PlanJson.CHECKSUM_PREFIX + "0".repeat(64);

    private static final byte[] FIELD = ("\"checksum\":\"" + PLACEHOLDER + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PRETTY_FIELD = ("\"checksum\": \"" + PLACEHOLDER + "\"")
            .getBytes(StandardCharsets.US_ASCII);

    private CanonicalBytes() {
    }

    /** The compact form of pretty JSON: whitespace outside strings dropped. */
    static byte[] compact(byte[] pretty) {
        byte[] out = new byte[pretty.length];
        int n = 0;
        boolean inString = false;
        for (int i = 0; i < pretty.length; i++) {
            byte b = pretty[i];
            if (inString) {
                out[n++] = b;
                if (b == '\\') {
                    out[n++] = pretty[++i];
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
                out[n++] = b;
            } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                out[n++] = b;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Removes the placeholder checksum member (the first one: metadata comes before any
     * user-controlled map) from compact JSON, with the comma that separates it from a neighbour.
     */
    static byte[] withoutPlaceholderField(byte[] compact) {
        int at = indexOf(compact, FIELD, 0);
        if (at < 0) {
            throw new IllegalStateException("checksum placeholder not found in serialised plan");
        }
        int from = at;
        int to = at + FIELD.length;
        if (compact[from - 1] == ',') {
            from--;
        } else if (to < compact.length && compact[to] == ',') {
            to++;
        }
        byte[] out = new byte[compact.length - (to - from)];
        System.arraycopy(compact, 0, out, 0, from);
        System.arraycopy(compact, to, out, from, compact.length - to);
        return out;
    }

    /** Writes the real checksum over the placeholder value in pretty JSON, in place. */
    static void replacePlaceholder(byte[] pretty, String checksum) {
        int at = indexOf(pretty, PRETTY_FIELD, 0);
        if (at < 0 || checksum.length() != PLACEHOLDER.length()) {
            throw new IllegalStateException("checksum placeholder not found in serialised plan");
        }
        byte[] value = checksum.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(value, 0, pretty, at + PRETTY_FIELD.length - 1 - value.length, value.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
