package dev.orun.exec.internal.isolation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .gitignore} files read the way git reads them, for trees outside a git work tree: blank
 * lines and {@code #} comments skipped, {@code \#}/{@code \!} escapes, {@code !} re-includes, a
 * trailing {@code /} matches directories only, a pattern with a {@code /} before its end is
 * anchored to its file's directory (else it matches a name at any depth), {@code *}, {@code ?},
 * {@code [...]} and {@code **}. A deeper file's rules, and later lines, take precedence. A line
 * that cannot be read as a pattern is skipped on its own.
 */
final class GitignoreMatcher extends IgnoreRules {

    private final GitignoreMatcher parent;
    private final Path base;
    private final List<Rule> rules;

    private record Rule(Pattern pattern, boolean negated, boolean directoryOnly, boolean anchored) {
    }

    private GitignoreMatcher(GitignoreMatcher parent, Path base, List<Rule> rules) {
        this.parent = parent;
        this.base = base;
        this.rules = rules;
    }

    static GitignoreMatcher root(Path root) {
        return new GitignoreMatcher(null, root, List.of()).enter(root);
    }

    @Override
    GitignoreMatcher enter(Path directory) {
        Path file = directory.resolve(".gitignore");
        if (!Files.isRegularFile(file)) {
            return this;
        }
        List<Rule> own = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Rule rule = parse(line);
                if (rule != null) {
                    own.add(rule);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return this;
        }
        return own.isEmpty() ? this : new GitignoreMatcher(this, directory, own);
    }

    static Rule parse(String raw) {
        String line = stripTrailingSpaces(raw);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean dirOnly = line.endsWith("/");
        if (dirOnly) {
            line = line.substring(0, line.length() - 1);
        }
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return null;
        }
        try {
            return new Rule(Pattern.compile(toRegex(line)), negated, dirOnly, anchored);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end).replace("\\ ", " ");
    }

    /** A glob as a regular expression over {@code /}-separated relative paths. */
    static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**", i)) {
                boolean leading = i == 0 || glob.charAt(i - 1) == '/';
                boolean trailing = i + 2 == glob.length() || glob.charAt(i + 2) == '/';
                if (leading && trailing) {
                    if (i + 2 == glob.length()) {
                        regex.append(".*");            // "a/**": everything inside
                    } else {
                        regex.append("(?:.*/)?");      // "**/b", "a/**/b": zero or more directories
                        i++;                           // the slash is part of the group
                    }
                    i += 2;
                    continue;
                }
                regex.append("[^/]*");
                i += 2;
                continue;
            }
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        regex.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return regex.toString();
    }

    @Override
    boolean ignored(Path entry, boolean directory) {
        if (ALWAYS_SKIPPED.contains(entry.getFileName().toString())) {
            return true;
        }
        for (GitignoreMatcher level = this; level != null; level = level.parent) {
            for (int i = level.rules.size() - 1; i >= 0; i--) {
                Rule rule = level.rules.get(i);
                if (rule.directoryOnly && !directory) {
                    continue;
                }
                String subject = rule.anchored
                        ? level.base.relativize(entry).toString().replace('\\', '/')
                        : entry.getFileName().toString();
                if (rule.pattern.matcher(subject).matches()) {
                    return !rule.negated;
                }
            }
        }
        return false;
    }
}
