package dev.orun.runner.gha;

import dev.orun.core.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote action reference, {@code owner/repo[/path]@ref}: a repository on GitHub, an optional
 * directory inside it holding the {@code action.yml}, and a branch, tag or commit.
 */
public record ActionRef(String owner, String repo, String path, String ref) {

    private static final Pattern FORM = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9_.-]+)((?:/[A-Za-z0-9_.-]+)*)@([^\\s@]+)");
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");

    /** Parses {@code text}; anything else is an {@link InvalidInputException} naming the form. */
    public static ActionRef parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches() || m.group(2).equals("..") || m.group(2).equals(".")
                || m.group(3).contains("/..") || m.group(4).contains("..")) {
            throw new InvalidInputException("not an action reference: \"" + text
                    + "\" (expected owner/repo[/path]@ref, e.g. actions/checkout@v4)");
        }
        String path = m.group(3).isEmpty() ? "" : m.group(3).substring(1);
        return new ActionRef(m.group(1), m.group(2), path, m.group(4));
    }

    /** Whether {@code text} looks like a remote reference rather than a local path or image. */
    public static boolean looksRemote(String text) {
        return text != null && !text.startsWith("./") && !text.startsWith("../")
                && !text.startsWith("docker://") && text.contains("@") && text.contains("/");
    }

    /** The ref is a full commit id, used as it is. */
    public boolean pinnedToCommit() {
        return SHA.matcher(ref).matches();
    }

    /** The ref as a file name under {@code refs/}: characters outside {@code [A-Za-z0-9._-]} → {@code _}. */
    public String refFileName() {
        String safe = ref.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe : safe;
    }

    public String repository() {
        return owner + "/" + repo;
    }

    @Override
    public String toString() {
        return repository() + (path.isEmpty() ? "" : "/" + path) + "@" + ref;
    }

    String lowerSha() {
        return ref.toLowerCase(Locale.ROOT);
    }
}
