package dev.orun.exec.internal.records;

import static dev.orun.exec.internal.records.JsonFields.expect;
import static dev.orun.exec.internal.records.JsonFields.instant;
import static dev.orun.exec.internal.records.JsonFields.longOrNull;
import static dev.orun.exec.internal.records.JsonFields.longOrZero;
import static dev.orun.exec.internal.records.JsonFields.nullOrObject;
import static dev.orun.exec.internal.records.JsonFields.status;
import static dev.orun.exec.internal.records.JsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code state.json} with the streaming parser instead of data binding. A 5000-job snapshot
 * is 2.4 MB; binding it into records cost most of {@code orun status}'s CPU (reflection per field,
 * a {@code DateTimeFormatter} parse per instant), and building the data-binding mapper at all
 * costs a small command's start-up some 400 classes. Unknown fields are skipped, as the mapper
 * does. The result equals what {@code mapper().readValue(.., StateFile.class)} gives. The jobs are read
 * into a sorted map (the file lists them in key order), so {@link StateFile}'s sorted copy is
 * linear; the epochs and leases, looked up by job only, into hash maps.
 */
final class StateFileReader {

    private StateFileReader() {
    }

    static StateFile read(byte[] bytes) throws IOException {
        try (JsonParser p = RecordsJson.factory().createParser(bytes)) {
            p.nextToken();
            expect(p, JsonToken.START_OBJECT);
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
                p.nextToken();
                switch (field) {
                    case "execId" -> execId = text(p);
                    case "planChecksum" -> planChecksum = text(p);
                    case "status" -> status = status(p);
                    case "startedAt" -> startedAt = instant(p);
                    case "finishedAt" -> finishedAt = instant(p);
                    case "journalOffset" -> journalOffset = longOrZero(p);
                    case "epochs" -> epochs = epochs(p);
                    case "leases" -> leases = leases(p);
                    case "jobs" -> jobs = jobs(p);
                    default -> p.skipChildren();
                }
            }
            return new StateFile(execId, planChecksum, status, startedAt, finishedAt, journalOffset, epochs, leases,
                    jobs);
        }
    }

    private static Map<String, Long> epochs(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        Map<String, Long> epochs = new HashMap<>(1024);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String job = p.currentName();
            p.nextToken();
            epochs.put(job, longOrNull(p));
        }
        return epochs;
    }

    private static Map<String, Lease> leases(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        Map<String, Lease> leases = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String job = p.currentName();
            p.nextToken();
            leases.put(job, RecordParts.lease(p));
        }
        return leases;
    }

    private static Map<String, JobState> jobs(JsonParser p) throws IOException {
        if (nullOrObject(p)) {
            return null;
        }
        Map<String, JobState> jobs = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            jobs.put(key, RecordParts.job(p, key));
        }
        return jobs;
    }
}
