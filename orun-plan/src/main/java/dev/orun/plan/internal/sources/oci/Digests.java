package dev.orun.plan.internal.sources.oci;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:<hex>} digests as the OCI distribution API writes them. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    static DigestInputStream sha256Stream(InputStream in) {
        return new DigestInputStream(in, newDigest());
    }

    static String hex(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
