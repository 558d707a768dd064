package dev.orun.exec.internal.records;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.state.Status;
import dev.orun.core.text.IsoInstants;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Field values of the records read with the streaming parser, each the way the records' data
 * binding reads it: a string field takes any scalar's text, an absent or {@code null} number is
 * {@code null} (or 0 for a primitive), a wrong shape is an error at the token's position.
 * Every method starts on the value's first token and leaves the parser on its last.
 */
final class JsonFields {

    private static final Status[] STATUSES = Status.values();

    private JsonFields() {
    }

    static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw wrong(p, "a string");
        }
        return p.getText();
    }

    static Status status(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            // matched on the parser's characters: no String for each job's and step's status
            char[] chars = p.getTextCharacters();
            int offset = p.getTextOffset();
            int length = p.getTextLength();
            for (Status status : STATUSES) {
                if (same(status.wireName(), chars, offset, length)) {
                    return status;
                }
            }
        }
        String wire = text(p);
        try {
            return wire == null ? null : Status.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(p, e.getMessage());
        }
    }

    /**
     * The text of a string value, or {@code known} itself when the text equals it: a job's id in
     * {@code state.json} repeats the key it is filed under, so the key's string serves for both.
     */
    static String text(JsonParser p, String known) throws IOException {
        if (known != null && p.currentToken() == JsonToken.VALUE_STRING
                && same(known, p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) {
            return known;
        }
        return text(p);
    }

    private static boolean same(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** ISO-8601 text as the records write it; a number goes through data binding (epoch seconds). */
    static Instant instant(JsonParser p) throws IOException {
        if (p.currentToken().isNumeric()) {
            return RecordsJson.mapper().readValue(p, Instant.class); // never written by orun
        }
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            // the parser's own characters: no String for each of a large snapshot's 20000 instants
            Instant fast = IsoInstants.fast(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (fast != null) {
                return fast;
            }
        }
        String text = text(p);
        try {
            return text == null ? null : IsoInstants.parse(text);
        } catch (java.time.DateTimeException e) {
            throw new JsonParseException(p, "not an instant: \"" + text + "\"");
        }
    }

    static Long longOrNull(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : number(p).getValueAsLong();
    }

    static long longOrZero(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? 0 : number(p).getValueAsLong();
    }

    static Integer intOrNull(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? null : number(p).getValueAsInt();
    }

    static int intOrZero(JsonParser p) throws IOException {
        return p.currentToken() == JsonToken.VALUE_NULL ? 0 : number(p).getValueAsInt();
    }

    /** An object of strings (step outputs), or null. */
    static Map<String, String> strings(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_OBJECT);
        Map<String, String> values = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            values.put(name, text(p));
        }
        return values;
    }

    /** Fails unless the parser is on {@code expected}. */
    static void expect(JsonParser p, JsonToken expected) throws IOException {
        if (p.currentToken() != expected) {
            throw wrong(p, expected.asString() == null ? expected.name() : "'" + expected.asString() + "'");
        }
    }

    /** Whether the value here is {@code null}; otherwise it must be an object. */
    static boolean nullOrObject(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return true;
        }
        expect(p, JsonToken.START_OBJECT);
        return false;
    }

    private static JsonParser number(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token.isNumeric()) {
            return p;
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                Long.parseLong(p.getText().trim()); // data binding accepts "12" for a number
                return p;
            } catch (NumberFormatException e) {
                throw wrong(p, "a number");
            }
        }
        throw wrong(p, "a number");
    }

    private static IOException wrong(JsonParser p, String expected) {
        return new JsonParseException(p, "expected " + expected + " at byte "
                + p.currentTokenLocation().getByteOffset());
    }
}
