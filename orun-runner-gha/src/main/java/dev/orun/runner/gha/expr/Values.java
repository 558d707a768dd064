package dev.orun.runner.gha.expr;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub's value rules. Values are {@code null}, {@link Boolean}, {@link Double}, {@link String},
 * {@link List} (array) and {@link Map} (object). Falsy: {@code false}, {@code 0}, {@code -0},
 * {@code ""}, {@code null}, {@code NaN}. Comparing values of different types converts both to
 * numbers (null → 0, booleans → 1/0, strings parsed as JSON numbers, empty → 0, else NaN,
 * arrays and objects → NaN). Strings compare ignoring case; arrays and objects are equal only when
 * they are the same instance.
 */
public final class Values {

    private Values() {
    }

    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Double d) {
            return d != 0 && !d.isNaN();
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }

    /** The text form used when an expression is interpolated into a string. */
    public static String toText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Double d) {
            return formatNumber(d);
        }
        if (value instanceof String s) {
            return s;
        }
        return value instanceof List ? "Array" : "Object";
    }

    static String formatNumber(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    static double toNumber(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            return s.isBlank() ? 0 : parseNumber(s.strip());
        }
        return Double.NaN;
    }

    /** A number in JSON, exponent or {@code 0x} hex form; NaN when {@code text} is none of these. */
    static double parseNumber(String text) {
        String t = text;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        try {
            if (t.toLowerCase(Locale.ROOT).startsWith("0x")) {
                double hex = Long.parseLong(t.substring(2), 16);
                return negative ? -hex : hex;
            }
            if (t.toLowerCase(Locale.ROOT).startsWith("0o")) {
                double octal = Long.parseLong(t.substring(2), 8);
                return negative ? -octal : octal;
            }
            if (t.isEmpty() || !t.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                return Double.NaN;
            }
            double parsed = Double.parseDouble(t);
            return negative ? -parsed : parsed;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code ==}: same type compared directly (strings ignoring case), else as numbers. */
    public static boolean looseEquals(Object left, Object right) {
        if (left == null && right == null) {
            return true;
        }
        if (left instanceof String a && right instanceof String b) {
            return a.equalsIgnoreCase(b);
        }
        if (left instanceof Boolean a && right instanceof Boolean b) {
            return a.equals(b);
        }
        if (left instanceof Double a && right instanceof Double b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (isComposite(left) || isComposite(right)) {
            return left == right;
        }
        return toNumber(left) == toNumber(right);
    }

    /**
     * {@code < <= > >=}: strings of both sides compare ignoring case, anything else as numbers;
     * NaN on either side makes every comparison false.
     */
    static boolean compare(Token.Kind op, Object left, Object right) {
        int order;
        if (left instanceof String a && right instanceof String b) {
            order = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
        } else {
            double a = toNumber(left);
            double b = toNumber(right);
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return false;
            }
            order = Double.compare(a, b);
            if (a == b) {
                order = 0; // -0 == 0
            }
        }
        return switch (op) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    private static boolean isComposite(Object value) {
        return value instanceof List || value instanceof Map;
    }

    /** A property of an object, matched ignoring case; {@code null} for anything else. */
    static Object property(Object target, String name) {
        if (!(target instanceof Map<?, ?> map)) {
            return null;
        }
        Object direct = map.get(name);
        if (direct != null || map.containsKey(name)) {
            return direct;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
