package dev.orun.runner.gha.expr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The built-in functions, with GitHub's argument counts and semantics. */
final class Functions {

    /** name → {min, max} arguments. */
    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry("contains", new int[] {2, 2}),
            Map.entry("startsWith", new int[] {2, 2}),
            Map.entry("endsWith", new int[] {2, 2}),
            Map.entry("format", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("join", new int[] {1, 2}),
            Map.entry("toJSON", new int[] {1, 1}),
            Map.entry("fromJSON", new int[] {1, 1}),
            Map.entry("hashFiles", new int[] {1, Integer.MAX_VALUE}),
            Map.entry("success", new int[] {0, 0}),
            Map.entry("failure", new int[] {0, 0}),
            Map.entry("always", new int[] {0, 0}),
            Map.entry("cancelled", new int[] {0, 0}));

    static final List<String> STATUS_FUNCTIONS = List.of("success", "failure", "always", "cancelled");

    private Functions() {
    }

    /** The function's canonical name (names are case-insensitive), or null when unknown. */
    static String canonicalName(String name) {
        return ARITY.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    static void checkArity(String function, int count) {
        int[] range = ARITY.get(function);
        if (count < range[0] || count > range[1]) {
            String expected = range[0] == range[1] ? Integer.toString(range[0])
                    : range[1] == Integer.MAX_VALUE ? "at least " + range[0]
                    : range[0] + " or " + range[1];
            throw new ExpressionException(function + "() takes " + expected + " argument"
                    + (range[1] == 1 && range[0] == 1 ? "" : "s") + ", got " + count);
        }
    }

    static Object call(String function, List<Object> args, EvaluationContext context) {
        return switch (function) {
            case "contains" -> contains(args.get(0), args.get(1));
            case "startsWith" -> lower(args.get(0)).startsWith(lower(args.get(1)));
            case "endsWith" -> lower(args.get(0)).endsWith(lower(args.get(1)));
            case "format" -> format(args);
            case "join" -> join(args);
            case "toJSON" -> Json.write(args.get(0));
            case "fromJSON" -> Json.read(Values.toText(args.get(0)));
            case "hashFiles" -> hashFiles(args, context.workspace());
            case "success" -> context.status().success();
            case "failure" -> context.status().failure();
            case "always" -> true;
            case "cancelled" -> context.status().cancelled();
            default -> throw new ExpressionException("unknown function " + function);
        };
    }

    private static String lower(Object value) {
        return Values.toText(value).toLowerCase(Locale.ROOT);
    }

    private static boolean contains(Object search, Object item) {
        if (search instanceof List<?> list) {
            return list.stream().anyMatch(element -> Values.looseEquals(element, item));
        }
        return lower(search).contains(lower(item));
    }

    private static String format(List<Object> args) {
        String pattern = Values.toText(args.get(0));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                out.append('{');
                i++;
            } else if (c == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                out.append('}');
                i++;
            } else if (c == '{') {
                int close = pattern.indexOf('}', i);
                String index = close < 0 ? "" : pattern.substring(i + 1, close);
                if (!index.matches("\\d+")) {
                    throw new ExpressionException("format: invalid placeholder at position " + (i + 1)
                            + " of '" + pattern + "' (use {N}, and {{ or }} for a brace)");
                }
                int n = Integer.parseInt(index);
                if (n + 1 >= args.size()) {
                    throw new ExpressionException("format: '" + pattern + "' refers to {" + n
                            + "} but only " + (args.size() - 1) + " argument(s) follow");
                }
                out.append(Values.toText(args.get(n + 1)));
                i = close;
            } else if (c == '}') {
                throw new ExpressionException("format: unmatched '}' at position " + (i + 1)
                        + " of '" + pattern + "'");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String join(List<Object> args) {
        String separator = args.size() > 1 ? Values.toText(args.get(1)) : ",";
        if (args.get(0) instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(item -> parts.add(Values.toText(item)));
            return String.join(separator, parts);
        }
        return Values.toText(args.get(0));
    }

    /**
     * SHA-256 over the SHA-256 of every matching regular file under the workspace, in path order;
     * empty when nothing matches. Patterns are globs relative to the workspace; {@code !pattern}
     * excludes.
     */
    private static String hashFiles(List<Object> args, Path workspace) {
        if (workspace == null) {
            throw new ExpressionException("hashFiles: no workspace");
        }
        List<PathMatcher> include = new ArrayList<>();
        List<PathMatcher> exclude = new ArrayList<>();
        for (Object arg : args) {
            String pattern = Values.toText(arg).strip();
            boolean negated = pattern.startsWith("!");
            String glob = negated ? pattern.substring(1) : pattern;
            if (glob.startsWith("./")) {
                glob = glob.substring(2);
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            (negated ? exclude : include).add(matcher);
        }
        List<Path> matched;
        try (Stream<Path> files = Files.walk(workspace)) {
            matched = files.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(workspace.resolve(".git")))
                    .map(workspace::relativize)
                    .filter(rel -> include.stream().anyMatch(m -> m.matches(rel)))
                    .filter(rel -> exclude.stream().noneMatch(m -> m.matches(rel)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ExpressionException("hashFiles: " + e.getMessage());
        }
        if (matched.isEmpty()) {
            return "";
        }
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path rel : matched) {
                MessageDigest one = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(workspace.resolve(rel))) {
                    one.update(in.readAllBytes());
                }
                all.update(one.digest());
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new ExpressionException("hashFiles: " + e.getMessage());
        }
    }
}
