package dev.orun.plan.internal.sources.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code oci://host[:port]/repository[:tag][@sha256:<hex>]} reference. The tag defaults
 * to {@code latest} when neither tag nor digest is given. The repository and tag follow the OCI
 * distribution grammar, which also keeps them safe to use as cache path segments.
 */
public record OciReference(String host, String repository, String tag, String digest) {

    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
            + "(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern SHAPE = Pattern.compile("([^/]+)/([^:@]+)(?::([^@]+))?(?:@(.+))?");

    /** Parses a reference; the message of the exception says what is wrong with it. */
    public static OciReference parse(String text) {
        String raw = text == null ? "" : text.strip();
        String body = raw.startsWith("oci://") ? raw.substring("oci://".length()) : raw;
        Matcher m = SHAPE.matcher(body);
        if (!m.matches()) {
            throw new OciException("bad OCI reference \"" + raw + "\" (expected oci://host/repository[:tag][@sha256:…])");
        }
        String host = m.group(1);
        String repository = m.group(2);
        String tag = m.group(3);
        String digest = m.group(4);
        if (!HOST.matcher(host).matches()) {
            throw new OciException("bad OCI reference \"" + raw + "\": invalid registry host \"" + host + "\"");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw new OciException("bad OCI reference \"" + raw + "\": invalid repository \"" + repository
                    + "\" (lower-case letters, digits and . _ - separators)");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw new OciException("bad OCI reference \"" + raw + "\": invalid tag \"" + tag + "\"");
        }
        if (digest != null && !DIGEST.matcher(digest).matches()) {
            throw new OciException("bad OCI reference \"" + raw + "\": digest must be sha256:<64 lower-case hex>");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new OciReference(host, repository, tag, digest);
    }

    /** Whether the registry is on this machine, where plain HTTP is used (as Docker does for localhost). */
    public boolean loopback() {
        String name = host.replaceFirst(":[0-9]+$", "");
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    /** The registry's base URL, {@code https://host} (or {@code http://} for a loopback registry). */
    public String baseUrl() {
        return (loopback() ? "http://" : "https://") + host;
    }

    @Override
    public String toString() {
        return "oci://" + host + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
