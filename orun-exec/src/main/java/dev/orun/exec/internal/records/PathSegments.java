package dev.orun.exec.internal.records;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Turns an id (job id, step id) into one safe file-name segment. Characters in
 * {@code [A-Za-z0-9@._-]} are kept, every other byte of the UTF-8 form becomes {@code %XX}, so the
 * encoding is reversible and two different ids never share a segment. {@code /}, {@code \} and
 * {@code :} are therefore always encoded, and a leading dot is encoded too, so no segment is
 * {@code .} or {@code ..} (which would name a directory) or looks like the hidden temporary files of
 * {@link AtomicFiles}. Very long ids are cut and suffixed with a hash of the
 * whole id ({@code ~} never appears in an ordinary encoding, so this cannot collide either).
 */
public final class PathSegments {

    /** File systems allow 255 bytes per name; leave room for extensions and temp suffixes. */
    static final int MAX_SEGMENT = 160;

    private PathSegments() {
    }

    public static String encode(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("an empty id cannot name a file");
        }
        StringBuilder out = new StringBuilder(id.length() + 8);
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (isKept(c) && !(i == 0 && c == '.')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        if (out.length() > MAX_SEGMENT) {
            return out.substring(0, MAX_SEGMENT - 17) + "~" + shortHash(id);
        }
        return out.toString();
    }

    /** The id a segment was encoded from, or empty for a cut (hashed) segment or a foreign name. */
    public static java.util.Optional<String> decode(String segment) {
        if (segment.indexOf('~') >= 0) {
            return java.util.Optional.empty();
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()) {
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return java.util.Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 128 && isKept(c)) {
                bytes.write(c);
            } else {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(bytes.toString(StandardCharsets.UTF_8));
    }

    /** {@code base/encode(id)}, verified to stay directly inside {@code base}. */
    public static Path child(Path base, String id) {
        return inside(base, encode(id));
    }

    /** {@code base/name}, refused unless it normalises to a path strictly inside {@code base}. */
    public static Path inside(Path base, String name) {
        Path root = base.toAbsolutePath().normalize();
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("\"" + name + "\" would leave " + root);
        }
        return resolved;
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '@' || c == '.' || c == '_' || c == '-';
    }

    private static String shortHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
