package dev.orun.plan.internal.yaml;

import java.math.BigInteger;
import java.nio.file.Path;

/**
 * A scalar with its source text and the type YAML 1.2 (core schema) resolved for it. String-typed
 * fields use {@link #text()} so {@code PORT: 8080} stays {@code "8080"}; "any"-typed fields use
 * {@link #toValue()}.
 */
public record YScalar(String text, Kind kind, Path file, int line) implements YNode {

    public enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public Object toValue() {
        return switch (kind) {
            case NULL -> null;
            case BOOL -> Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT));
            case INT -> parseInt(text);
            case FLOAT -> parseFloat(text);
            case STRING -> text;
        };
    }

    private static Object parseInt(String text) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (t.startsWith("0x")) {
            value = new BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0o")) {
            value = new BigInteger(t.substring(2), 8);
        } else {
            value = new BigInteger(t);
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Object parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".nan")) {
            return Double.NaN;
        }
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.valueOf(text);
    }
}
