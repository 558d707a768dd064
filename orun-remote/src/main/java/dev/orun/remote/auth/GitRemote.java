package dev.orun.remote.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository a workspace belongs to, as a link in {@code config.yaml} names it: the
 * {@code origin} remote URL, and {@code owner/name} when that remote is on GitHub.
 */
public record GitRemote(String url, String fullName) {
    private static final Pattern GITHUB = Pattern.compile(
            "^(?:git@github\\.com:|ssh://git@github\\.com/|https?://(?:[^@/]+@)?github\\.com/)([^/]+)/([^/]+?)(?:\\.git)?/?$",
            Pattern.CASE_INSENSITIVE);

    /** {@code git config --get remote.origin.url} in {@code dir}; empty outside a repository or without origin. */
    public static Optional<GitRemote> of(Path dir) {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "config", "--get", "remote.origin.url")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(parse(out));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public static GitRemote parse(String url) {
        Matcher m = GITHUB.matcher(url.trim());
        return new GitRemote(url.trim(), m.matches() ? m.group(1) + "/" + m.group(2) : null);
    }

    /** The same repository: equal {@code owner/name} (any case), else the same remote URL. */
    boolean sameAs(String otherUrl, String otherFullName) {
        if (fullName != null && otherFullName != null) {
            return fullName.toLowerCase(Locale.ROOT).equals(otherFullName.toLowerCase(Locale.ROOT));
        }
        return url.equals(otherUrl);
    }

    /** How a person recognises it. */
    public String display() {
        return fullName != null ? fullName : url;
    }
}
