package dev.orun.remote.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.text.IsoInstants;
import dev.orun.remote.protocol.ClaimResponse;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.WireEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the answers a runner gets most often — event-log pages, job lists, claim and heartbeat
 * answers — with the streaming parser instead of data binding. A runner is a short-lived JVM that
 * reads a few dozen of them, mostly before its code is compiled: data binding first builds a
 * deserializer per record type by reflection and then parses each instant with
 * {@code DateTimeFormatter}, which measured as most of the client's own CPU per runner
 * (docs/decisions/remote-state-client.md, "Reading the server's answers").
 *
 * <p>The result is the one data binding gives ({@code StateHttp.JSON}: unknown fields ignored, a
 * missing or null field null, or 0/false for a primitive; a {@code data} envelope of at most two
 * fields unwrapped). Only the shapes the server writes are read here; anything else — a number
 * where text is expected, an instant not in the plain UTC form, a repeated field, an integer out of
 * range — answers null, and the caller reads the answer with data binding as before, so an
 * unexpected answer is decoded (or refused) exactly as it always was.
 */
final class WireReader {

    private WireReader() {
    }

    /** Thrown inside when the answer is not in a shape read here; never leaves this class. */
    private static final class Unfamiliar extends RuntimeException {
        private static final Unfamiliar INSTANCE = new Unfamiliar();

        private Unfamiliar() {
            super(null, null, false, false);
        }
    }

    /** One of the record types read here, read from the parser positioned on its START_OBJECT. */
    private interface ObjectReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * {@code body} as {@code type}, or null when the type is not one read here or the answer is not
     * in the shape expected (then data binding decides).
     */
    static <T> T read(JsonFactory factory, byte[] body, Class<T> type) {
        ObjectReader<?> reader = readerFor(type);
        if (reader == null || body == null || body.length == 0) {
            return null;
        }
        try (JsonParser p = factory.createParser(body)) {
            return type.cast(enveloped(p, reader));
        } catch (Unfamiliar | IOException e) {
            return null;
        }
    }

    private static ObjectReader<?> readerFor(Class<?> type) {
        if (type == EventPage.class) {
            return WireReader::eventPage;
        }
        if (type == JobList.class) {
            return WireReader::jobList;
        }
        if (type == ClaimResponse.class) {
            return WireReader::claim;
        }
        if (type == HeartbeatResponse.class) {
            return WireReader::heartbeat;
        }
        return null;
    }

    /**
     * The answer object, or its {@code data} member when that is an object and the answer has at
     * most two fields (as {@code StateHttp.json} unwraps). The server's answers are either flat
     * (no {@code data} field at all) or such an envelope; anything else is left to data binding.
     */
    private static Object enveloped(JsonParser p, ObjectReader<?> reader) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        if (p.nextToken() != JsonToken.FIELD_NAME || !"data".equals(p.currentName())) {
            // flat: the reader goes on from the first field (a "data" field further on is refused)
            return reader.read(p);
        }
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        Object data = reader.read(p);
        JsonToken next = p.nextToken();
        if (next == JsonToken.FIELD_NAME && !"data".equals(p.currentName())) {
            p.nextToken();
            p.skipChildren(); // a second member beside the envelope's data (at most two are unwrapped)
            next = p.nextToken();
        }
        if (next != JsonToken.END_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        return data;
    }

    // ---- the records ----------------------------------------------------------------------

    private static EventPage eventPage(JsonParser p) throws IOException {
        List<WireEvent> events = null;
        EventPage.Head head = null;
        Fields f = new Fields(p);
        while (f.next()) {
            switch (f.name) {
                case "events" -> events = list(p, WireReader::event);
                case "head" -> head = object(p, q -> {
                    long seq = 0;
                    Fields h = new Fields(q);
                    while (h.next()) {
                        if (h.name.equals("seq")) {
                            seq = longOrZero(q);
                        } else {
                            q.skipChildren();
                        }
                    }
                    return new EventPage.Head(seq);
                });
                default -> p.skipChildren();
            }
        }
        return new EventPage(events, head);
    }

    private static WireEvent event(JsonParser p) throws IOException {
        long seq = 0;
        String kind = null;
        String runId = null;
        String jobId = null;
        WireEvent.EventActor actor = null;
        Instant at = null;
        String idempotencyKey = null;
        int v = 0;
        Map<String, Object> payload = null;
        Fields f = new Fields(p);
        while (f.next()) {
            switch (f.name) {
                case "seq" -> seq = longOrZero(p);
                case "kind" -> kind = text(p);
                case "runId" -> runId = text(p);
                case "jobId" -> jobId = text(p);
                case "actor" -> actor = object(p, q -> {
                    String id = null;
                    String type = null;
                    Fields a = new Fields(q);
                    while (a.next()) {
                        switch (a.name) {
                            case "id" -> id = text(q);
                            case "type" -> type = text(q);
                            default -> q.skipChildren();
                        }
                    }
                    return new WireEvent.EventActor(id, type);
                });
                case "at" -> at = instant(p);
                case "idempotencyKey" -> idempotencyKey = text(p);
                case "v" -> v = intOrZero(p);
                case "payload" -> payload = untypedMap(p);
                default -> p.skipChildren();
            }
        }
        return new WireEvent(seq, kind, runId, jobId, actor, at, idempotencyKey, v, payload);
    }

    private static JobList jobList(JsonParser p) throws IOException {
        List<RunJobView> jobs = null;
        Fields f = new Fields(p);
        while (f.next()) {
            if (f.name.equals("jobs")) {
                jobs = list(p, WireReader::job);
            } else {
                p.skipChildren();
            }
        }
        return new JobList(jobs);
    }

    private static RunJobView job(JsonParser p) throws IOException {
        String runId = null;
        String jobId = null;
        String orgId = null;
        String projectId = null;
        String component = null;
        List<String> deps = null;
        String status = null;
        String runnerId = null;
        Long leaseEpoch = null;
        Instant leaseExpiresAt = null;
        int attempt = 0;
        String errorText = null;
        Instant startedAt = null;
        Instant finishedAt = null;
        Fields f = new Fields(p);
        while (f.next()) {
            switch (f.name) {
                case "runId" -> runId = text(p);
                case "jobId" -> jobId = text(p);
                case "orgId" -> orgId = text(p);
                case "projectId" -> projectId = text(p);
                case "component" -> component = text(p);
                case "deps" -> deps = list(p, WireReader::text);
                case "status" -> status = text(p);
                case "runnerId" -> runnerId = text(p);
                case "leaseEpoch" -> leaseEpoch = longOrNull(p);
                case "leaseExpiresAt" -> leaseExpiresAt = instant(p);
                case "attempt" -> attempt = intOrZero(p);
                case "errorText" -> errorText = text(p);
                case "startedAt" -> startedAt = instant(p);
                case "finishedAt" -> finishedAt = instant(p);
                default -> p.skipChildren();
            }
        }
        return new RunJobView(runId, jobId, orgId, projectId, component, deps, status, runnerId, leaseEpoch,
                leaseExpiresAt, attempt, errorText, startedAt, finishedAt);
    }

    private static ClaimResponse claim(JsonParser p) throws IOException {
        boolean claimed = false;
        String reason = null;
        Long leaseEpoch = null;
        Instant leaseExpiresAt = null;
        Long seq = null;
        Integer attempt = null;
        Integer leaseSeconds = null;
        Integer heartbeatIntervalSeconds = null;
        Boolean cached = null;
        ClaimResponse.CachedResult result = null;
        Fields f = new Fields(p);
        while (f.next()) {
            switch (f.name) {
                case "claimed" -> claimed = Boolean.TRUE.equals(bool(p));
                case "reason" -> reason = text(p);
                case "leaseEpoch" -> leaseEpoch = longOrNull(p);
                case "leaseExpiresAt" -> leaseExpiresAt = instant(p);
                case "seq" -> seq = longOrNull(p);
                case "attempt" -> attempt = intOrNull(p);
                case "leaseSeconds" -> leaseSeconds = intOrNull(p);
                case "heartbeatIntervalSeconds" -> heartbeatIntervalSeconds = intOrNull(p);
                case "cached" -> cached = bool(p);
                case "result" -> result = object(p, q -> {
                    String digest = null;
                    Fields r = new Fields(q);
                    while (r.next()) {
                        if (r.name.equals("digest")) {
                            digest = text(q);
                        } else {
                            q.skipChildren();
                        }
                    }
                    return new ClaimResponse.CachedResult(digest);
                });
                default -> p.skipChildren();
            }
        }
        return new ClaimResponse(claimed, reason, leaseEpoch, leaseExpiresAt, seq, attempt, leaseSeconds,
                heartbeatIntervalSeconds, cached, result);
    }

    private static HeartbeatResponse heartbeat(JsonParser p) throws IOException {
        Instant leaseExpiresAt = null;
        int leaseSeconds = 0;
        int heartbeatIntervalSeconds = 0;
        Fields f = new Fields(p);
        while (f.next()) {
            switch (f.name) {
                case "leaseExpiresAt" -> leaseExpiresAt = instant(p);
                case "leaseSeconds" -> leaseSeconds = intOrZero(p);
                case "heartbeatIntervalSeconds" -> heartbeatIntervalSeconds = intOrZero(p);
                default -> p.skipChildren();
            }
        }
        return new HeartbeatResponse(leaseExpiresAt, leaseSeconds, heartbeatIntervalSeconds);
    }

    // ---- values ---------------------------------------------------------------------------

    /**
     * The fields of one object, from its START_OBJECT — or, for a flat answer, from its first
     * field name or its end, where {@link #enveloped} leaves the parser; such a top-level object
     * must not have a {@code data} field (data binding would unwrap it). Each {@link #next} leaves
     * the parser on the field's value and refuses a repeated name (data binding would keep the
     * last; the server never repeats one).
     */
    private static final class Fields {
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

    /** A nested record, or null for a JSON null. */
    private static <T> T object(JsonParser p, ObjectReader<T> reader) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw Unfamiliar.INSTANCE;
        }
        return reader.read(p);
    }

    /** A list (an {@link ArrayList}, as data binding makes), null for a JSON null; null elements stay null. */
    private static <T> List<T> list(JsonParser p, ObjectReader<T> element) throws IOException {
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

    private static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw Unfamiliar.INSTANCE;
        };
    }

    private static Instant instant(JsonParser p) throws IOException {
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

    private static Boolean bool(JsonParser p) {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw Unfamiliar.INSTANCE;
        };
    }

    private static Long longOrNull(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw Unfamiliar.INSTANCE;
        }
        return p.getLongValue();
    }

    private static long longOrZero(JsonParser p) throws IOException {
        Long value = longOrNull(p);
        return value == null ? 0 : value;
    }

    private static Integer intOrNull(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw Unfamiliar.INSTANCE;
        }
        return p.getIntValue();
    }

    private static int intOrZero(JsonParser p) throws IOException {
        Integer value = intOrNull(p);
        return value == null ? 0 : value;
    }

    /**
     * An event's payload as data binding reads {@code Map<String, Object>}: objects as
     * {@link LinkedHashMap}, arrays as {@link ArrayList}, integers as the smallest of
     * Integer/Long/BigInteger that holds them, other numbers as Double.
     */
    private static Map<String, Object> untypedMap(JsonParser p) throws IOException {
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

    private static Object untyped(JsonParser p) throws IOException {
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
