package dev.orun.exec.internal.records;

import static dev.orun.exec.internal.records.JsonFields.expect;
import static dev.orun.exec.internal.records.JsonFields.instant;
import static dev.orun.exec.internal.records.JsonFields.intOrNull;
import static dev.orun.exec.internal.records.JsonFields.intOrZero;
import static dev.orun.exec.internal.records.JsonFields.longOrZero;
import static dev.orun.exec.internal.records.JsonFields.nullOrObject;
import static dev.orun.exec.internal.records.JsonFields.status;
import static dev.orun.exec.internal.records.JsonFields.strings;
import static dev.orun.exec.internal.records.JsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The records' nested values — jobs, steps, annotations, leases, job counts — read with the
 * streaming parser, giving what data binding gives (unknown fields are skipped). Shared by the
 * readers of {@code state.json}, {@code metadata.json} and journal lines. Each method starts on
 * the value's first token and leaves the parser on its last; {@code null} reads as null.
 */
final class RecordParts {

    private RecordParts() {
    }

    static JobState job(JsonParser p) throws IOException {
        return job(p, null);
    }

    /** A job filed under {@code key} (its id, as a rule: then the id's string is the key's). */
    static JobState job(JsonParser p, String key) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        String jobId = null;
        Status status = null;
        int attempts = 0;
        Instant startedAt = null;
        Instant finishedAt = null;
        String error = null;
        List<StepState> steps = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "jobId" -> jobId = text(p, key);
                case "status" -> status = status(p);
                case "attempts" -> attempts = intOrZero(p);
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
        expect(p, JsonToken.START_ARRAY);
        List<StepState> steps = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            steps.add(step(p));
        }
        return steps;
    }

    static StepState step(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
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
            p.nextToken();
            switch (field) {
                case "stepId" -> stepId = text(p);
                case "status" -> status = status(p);
                case "exitCode" -> exitCode = intOrNull(p);
                case "startedAt" -> startedAt = instant(p);
                case "finishedAt" -> finishedAt = instant(p);
                case "error" -> error = text(p);
                case "outputs" -> outputs = strings(p);
                case "summary" -> summary = text(p);
                case "annotations" -> annotations = annotations(p);
                default -> p.skipChildren();
            }
        }
        return new StepState(stepId, status, exitCode, startedAt, finishedAt, error, outputs, summary, annotations);
    }

    private static List<Annotation> annotations(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, JsonToken.START_ARRAY);
        List<Annotation> annotations = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            annotations.add(annotation(p));
        }
        return annotations;
    }

    private static Annotation annotation(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        String level = null;
        String message = null;
        String title = null;
        String file = null;
        Integer line = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "level" -> level = text(p);
                case "message" -> message = text(p);
                case "title" -> title = text(p);
                case "file" -> file = text(p);
                case "line" -> line = intOrNull(p);
                default -> p.skipChildren();
            }
        }
        return new Annotation(level, message, title, file, line);
    }

    static Lease lease(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        long epoch = 0;
        Holder holder = null;
        Instant until = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "epoch" -> epoch = longOrZero(p);
                case "holder" -> holder = holder(p);
                case "until" -> until = instant(p);
                default -> p.skipChildren();
            }
        }
        return new Lease(epoch, holder, until);
    }

    private static Holder holder(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        String id = null;
        long pid = 0;
        Instant pidStart = null;
        String host = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = text(p);
                case "pid" -> pid = longOrZero(p);
                case "pidStart" -> pidStart = instant(p);
                case "host" -> host = text(p);
                default -> p.skipChildren();
            }
        }
        return new Holder(id, pid, pidStart, host);
    }

    static JobCounts jobCounts(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        int[] counts = new int[7];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            int index = switch (field) {
                case "total" -> 0;
                case "pending" -> 1;
                case "running" -> 2;
                case "succeeded" -> 3;
                case "failed" -> 4;
                case "skipped" -> 5;
                case "cancelled" -> 6;
                default -> -1;
            };
            if (index < 0) {
                p.skipChildren();
            } else {
                counts[index] = intOrZero(p);
            }
        }
        return new JobCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6]);
    }
}
