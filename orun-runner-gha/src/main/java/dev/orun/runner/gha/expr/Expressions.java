package dev.orun.runner.gha.expr;

import java.util.Set;

/**
 * The entry points: evaluate one expression, interpolate {@code ${{ … }}} inside a string, and
 * evaluate a step's {@code if:} condition.
 */
public final class Expressions {

    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    private Expressions() {
    }

    /** Evaluates the bare expression {@code source}; errors name it. */
    public static Object evaluate(String source, EvaluationContext context) {
        try {
            Node node = Parser.parse(source, context.contexts().keySet());
            return new Evaluator(context).evaluate(node);
        } catch (ExpressionException e) {
            throw e.in(source);
        }
    }

    /** Checks the syntax of {@code source} with the named contexts {@code contexts}. */
    public static void check(String source, Set<String> contexts) {
        try {
            Parser.parse(source, contexts);
        } catch (ExpressionException e) {
            throw e.in(source);
        }
    }

    /** Whether {@code text} contains an expression at all (cheap, for the common case). */
    public static boolean hasExpression(String text) {
        return text != null && text.contains(OPEN);
    }

    /**
     * {@code text} with every {@code ${{ expr }}} replaced by the text of its value. An unclosed
     * {@code ${{} is an error. A closing {@code }}} inside a string literal does not end the
     * expression.
     */
    public static String interpolate(String text, EvaluationContext context) {
        if (!hasExpression(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int open = text.indexOf(OPEN, from);
            if (open < 0) {
                out.append(text, from, text.length());
                return out.toString();
            }
            out.append(text, from, open);
            int close = closing(text, open + OPEN.length());
            if (close < 0) {
                throw new ExpressionException("unclosed '${{' in: " + abbreviate(text.substring(open)));
            }
            String source = text.substring(open + OPEN.length(), close);
            out.append(Values.toText(evaluate(source, context)));
            from = close + CLOSE.length();
        }
    }

    /** Evaluates one whole {@code ${{ expr }}} string to its value (not text), else interpolates. */
    public static Object evaluateValue(String text, EvaluationContext context) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.startsWith(OPEN) && trimmed.endsWith(CLOSE)
                && closing(trimmed, OPEN.length()) == trimmed.length() - CLOSE.length()) {
            return evaluate(trimmed.substring(OPEN.length(), trimmed.length() - CLOSE.length()),
                    context);
        }
        return interpolate(text, context);
    }

    /**
     * A step's {@code if:}: the text may be written with or without {@code ${{ }}}; without a
     * status function it means {@code success() && (condition)}, and a blank condition means
     * {@code success()}.
     */
    public static boolean condition(String condition, EvaluationContext context) {
        String source = condition == null ? "" : condition.strip();
        if (source.startsWith(OPEN) && source.endsWith(CLOSE)
                && closing(source, OPEN.length()) == source.length() - CLOSE.length()) {
            source = source.substring(OPEN.length(), source.length() - CLOSE.length()).strip();
        } else if (hasExpression(source)) {
            source = "'" + interpolate(source, context).replace("'", "''") + "'";
        }
        if (source.isEmpty()) {
            return context.status().success();
        }
        Object value = evaluate(source, context);
        boolean usesStatus = Lexer.tokenize(source).stream().anyMatch(t ->
                t.kind() == Token.Kind.IDENTIFIER && Functions.STATUS_FUNCTIONS.stream()
                        .anyMatch(f -> f.equalsIgnoreCase(t.text())));
        if (!usesStatus && !context.status().success()) {
            return false;
        }
        return Values.truthy(value);
    }

    private static int closing(String text, int from) {
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                inString = !inString;
            } else if (!inString && c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
