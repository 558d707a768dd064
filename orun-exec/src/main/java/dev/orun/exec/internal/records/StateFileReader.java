package dev.orun.exec.internal.records;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code state.json} with the streaming parser instead of data binding. A 5000-job snapshot
 * is 2.4 MB; binding it into records cost most of {@code orun status}'s CPU (reflection per field,
 * a {@code DateTimeFormatter} parse per instant). The jobs and steps, the bulk of the file, are
 * read field by field here; the few open leases still go through data binding. Unknown fields are
 * skipped, as the mapper does. The result equals what {@code mapper().readValue(.., StateFile.class)}
 * gives.
 */
final class StateFileReader {

    private static final TypeReference<Map<String, Lease>> LEASES = new TypeReference<>() {
    };

    private static final TypeReference<Map<String, String>> OUTPUTS = new TypeReference<>() {
    };
    private static final TypeReference<List<Annotation>> ANNOTATIONS = new TypeReference<>() {
    };

    private StateFileReader() {
    }

    static StateFile read(byte[] bytes) throws IOException {
        try (JsonParser p = RecordsJson.mapper().getFactory().createParser(bytes)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            String execId = null;
            String planChecksum = null;
            Status status = null;
            Instant startedAt = null;
            Instant finishedAt = null;
            long journalOffset = 0;
            Map<String, Long> epochs = null;
            Map<String, Lease> leases = null;
            Map<String, JobState> jobs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "execId" -> execId = text(p);
                    case "planChecksum" -> planChecksum = text(p);
                    case "status" -> status = status(p);
                    case "startedAt" -> startedAt = instant(p);
                    case "finishedAt" -> finishedAt = instant(p);
                    case "journalOffset" -> journalOffset = value == JsonToken.VALUE_NULL ? 0 : p.getValueAsLong();
                    case "epochs" -> epochs = epochs(p);
                    case "leases" -> leases = value == JsonToken.VALUE_NULL ? null : p.readValueAs(LEASES);
                    case "jobs" -> jobs = jobs(p);
                    default -> p.skipChildren();
                }
            }
            return new StateFile(execId, planChecksum, status, startedAt, finishedAt, journalOffset, epochs, leases,
                    jobs);
        }
    }

    private static Map<String, Long> epochs(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        Map<String, Long> epochs = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String job = p.currentName();
            epochs.put(job, p.nextToken() == JsonToken.VALUE_NULL ? null : p.getValueAsLong());
        }
        return epochs;
    }

    private static Map<String, JobState> jobs(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        Map<String, JobState> jobs = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            jobs.put(key, p.nextToken() == JsonToken.VALUE_NULL ? null : job(p));
        }
        return jobs;
    }

    private static JobState job(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        String jobId = null;
        Status status = null;
        int attempts = 0;
        Instant startedAt = null;
        Instant finishedAt = null;
        String error = null;
        List<StepState> steps = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "jobId" -> jobId = text(p);
                case "status" -> status = status(p);
                case "attempts" -> attempts = value == JsonToken.VALUE_NULL ? 0 : p.getValueAsInt();
                case "startedAt" -> startedAt = instant(p);
                case "finishedAt" -> finishedAt = instant(p);
                case "error" -> error = text(p);
                case "steps" -> steps = steps(p);
                default -> p.skipChildren();
            }
        }
        return new JobState(jobId, status, attempts, startedAt, finishedAt, error, steps);
    }

    private static List<StepState> steps(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p.currentToken(), JsonToken.START_ARRAY, p);
        List<StepState> steps = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            steps.add(p.currentToken() == JsonToken.VALUE_NULL ? null : step(p));
        }
        return steps;
    }

    private static StepState step(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT, p);
        String stepId = null;
        Status status = null;
        Integer exitCode = null;
        Instant startedAt = null;
        Instant finishedAt = null;
        String error = null;
        Map<String, String> outputs = null;
        String summary = null;
        List<Annotation> annotations = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                // outputs, summaries and annotations are rare: data binding is fine for them
                case "outputs" -> outputs = value == JsonToken.VALUE_NULL ? null : p.readValueAs(OUTPUTS);
                case "summary" -> summary = text(p);
                case "annotations" -> annotations = value == JsonToken.VALUE_NULL ? null : p.readValueAs(ANNOTATIONS);
                case "stepId" -> stepId = text(p);
                case "status" -> status = status(p);
                case "exitCode" -> exitCode = value == JsonToken.VALUE_NULL ? null : p.getValueAsInt();
                case "startedAt" -> startedAt = instant(p);
                case "finishedAt" -> finishedAt = instant(p);
                case "error" -> error = text(p);
                default -> p.skipChildren();
            }
        }
        return new StepState(stepId, status, exitCode, startedAt, finishedAt, error, outputs, summary, annotations);
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new IOException("expected a string at " + "byte " + p.getTokenLocation().getByteOffset());
        }
        return p.getText();
    }

    private static Status status(JsonParser p) throws IOException {
        String wire = text(p);
        return wire == null ? null : Status.fromWire(wire);
    }

    private static Instant instant(JsonParser p) throws IOException {
        if (p.currentToken().isNumeric()) {
            return p.readValueAs(Instant.class); // epoch seconds, as the mapper would read them
        }
        String text = text(p);
        return text == null ? null : IsoInstants.parse(text);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected.asString() + " at " + "byte " + p.getTokenLocation().getByteOffset());
        }
    }
}
