package dev.orun.remote.client;

import static dev.orun.remote.client.WireValues.bool;
import static dev.orun.remote.client.WireValues.instant;
import static dev.orun.remote.client.WireValues.intOrNull;
import static dev.orun.remote.client.WireValues.intOrZero;
import static dev.orun.remote.client.WireValues.list;
import static dev.orun.remote.client.WireValues.longOrNull;
import static dev.orun.remote.client.WireValues.longOrZero;
import static dev.orun.remote.client.WireValues.object;
import static dev.orun.remote.client.WireValues.onlyField;
import static dev.orun.remote.client.WireValues.text;
import static dev.orun.remote.client.WireValues.untypedMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.remote.client.WireValues.Fields;
import dev.orun.remote.client.WireValues.ObjectReader;
import dev.orun.remote.client.WireValues.Unfamiliar;
import dev.orun.remote.protocol.ClaimResponse;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.HeartbeatResponse;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.WireEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
                    Long seq = onlyField(q, "seq", WireValues::longOrNull);
                    return new EventPage.Head(seq == null ? 0 : seq);
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
        return new JobList(onlyField(p, "jobs", q -> list(q, WireReader::job)));
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
                case "deps" -> deps = list(p, WireValues::text);
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
                case "result" -> result = object(p,
                        q -> new ClaimResponse.CachedResult(onlyField(q, "digest", WireValues::text)));
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
}
