package dev.orun.remote.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.text.IsoInstants;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values {@link WireReader} reads, each as data binding reads it into the protocol records,
 * or {@link Unfamiliar} for a shape data binding would coerce or refuse (then it decides). Every
 * method starts on the value's first token and leaves the parser on its last.
 */
final class WireValues {

    private WireValues() {
    }

    /** Thrown when an answer is not in a shape read here; {@link WireReader} turns it into "data binding decides". */
    static final class Unfamiliar extends RuntimeException {
        static final Unfamiliar INSTANCE = new Unfamiliar();

        private Unfamiliar() {
            super(null, null, false, false);
        }
    }

    /** Reads one value (a record from its START_OBJECT, or a scalar) for {@link WireReader}. */
    interface ObjectReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * The fields of one object, from its START_OBJECT — or, for a flat answer, from its first
     * field name or its end, where {@link #enveloped} leaves the parser; such a top-level object
     * must not have a {@code data} field (data binding would unwrap it). Each {@link #next} leaves
     * the parser on the field's value and refuses a repeated name (data binding would keep the
     * last; the server never repeats one).
     */
    static final class Fields {
        private final JsonParser p;
        private final Set<String> seen = new HashSet<>(16);
        private final boolean topLevel;
        private boolean pending;
        String name;

        Fields(JsonParser p) {
            this.p = p;
            JsonToken token = p.currentToken();
            topLevel = token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT;
            pending = topLevel;
            if (!topLevel && token != JsonToken.START_OBJECT) {
                throw Unfamiliar.INSTANCE;
            }
        }

        boolean next() throws IOException {
            JsonToken token = pending ? p.currentToken() : p.nextToken();
            pending = false;
            if (token == JsonToken.END_OBJECT) {
                return false;
            }
            if (token != JsonToken.FIELD_NAME) {
                throw Unfamiliar.INSTANCE;
            }
            name = p.currentName();
            if (!seen.add(name) || topLevel && name.equals("data")) {
                throw Unfamiliar.INSTANCE;
            }
            p.nextToken();
            return true;
        }
    }

    /**
     * The value of the one field {@code name} of an object (its other fields skipped), or null when
     * it has none; from the object's START_OBJECT, or a flat answer's first field like {@link Fields}.
     */
    static <T> T onlyField(JsonParser p, String name, ObjectReader<T> value) throws IOException {
        T out = null;
        Fields f = new Fields(p);
        while (f.next()) {
            if (f.name.equals(name)) {
                out = value.read(p);
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    /** A nested record, or null for a JSON null. */
    static <T> T object(JsonParser p, ObjectReader<T> reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        return reader.read(p);
    }

    /** A list (an {@link ArrayList}, as data binding makes), null for a JSON null; null elements stay null. */
    static <T> List<T> list(JsonParser p, ObjectReader<T> element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw Unfamiliar.INSTANCE;
        }
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.currentToken() == JsonToken.VALUE_NULL ? null : element.read(p));
        }
        return out;
    }

    static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw Unfamiliar.INSTANCE;
        };
    }

    static Instant instant(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw Unfamiliar.INSTANCE;
        }
        Instant fast = IsoInstants.fast(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        if (fast == null) {
            throw Unfamiliar.INSTANCE;
        }
        return fast;
    }

    static Boolean bool(JsonParser p) {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw Unfamiliar.INSTANCE;
        };
    }

    static Long longOrNull(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Unfamiliar.INSTANCE;
        }
        return p.getLongValue();
    }

    static long longOrZero(JsonParser p) throws IOException {
        Long value = longOrNull(p);
        return value == null ? 0 : value;
    }

    static Integer intOrNull(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw Unfamiliar.INSTANCE;
        }
        return p.getIntValue();
    }

    static int intOrZero(JsonParser p) throws IOException {
        Integer value = intOrNull(p);
        return value == null ? 0 : value;
    }

    /**
     * An event's payload as data binding reads {@code Map<String, Object>}: objects as
     * {@link LinkedHashMap}, arrays as {@link ArrayList}, integers as the smallest of
     * Integer/Long/BigInteger that holds them, other numbers as Double.
     */
    static Map<String, Object> untypedMap(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Fields f = new Fields(p);
        while (f.next()) {
            out.put(f.name, untyped(p));
        }
        return out;
    }

    static Object untyped(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> untypedMap(p);
            case START_ARRAY -> {
                List<Object> out = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(untyped(p));
                }
                yield out;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw Unfamiliar.INSTANCE;
        };
    }
}
