package dev.orun.exec.internal.records;

import static dev.orun.exec.internal.records.JsonFields.expect;
import static dev.orun.exec.internal.records.JsonFields.instant;
import static dev.orun.exec.internal.records.JsonFields.longOrNull;
import static dev.orun.exec.internal.records.JsonFields.status;
import static dev.orun.exec.internal.records.JsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.Status;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads {@code metadata.json} with the streaming parser, so listing and finding runs needs no
 * data-binding mapper (see {@link StateFileReader}). Gives what
 * {@code mapper().readValue(.., RunMetadata.class)} gives: unknown fields skipped, the older name
 * {@code durationMillis} read as {@code durationMs}.
 */
final class MetadataReader {

    private MetadataReader() {
    }

    static RunMetadata read(byte[] bytes) throws IOException {
        try (JsonParser p = RecordsJson.factory().createParser(bytes)) {
            p.nextToken();
            expect(p, JsonToken.START_OBJECT);
            String execId = null;
            String planName = null;
            String planChecksum = null;
            String planId = null;
            String runner = null;
            String user = null;
            String trigger = null;
            String host = null;
            Long pid = null;
            Status status = null;
            Instant startedAt = null;
            Instant finishedAt = null;
            Long durationMs = null;
            JobCounts jobs = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "execId" -> execId = text(p);
                    case "planName" -> planName = text(p);
                    case "planChecksum" -> planChecksum = text(p);
                    case "planId" -> planId = text(p);
                    case "runner" -> runner = text(p);
                    case "user" -> user = text(p);
                    case "trigger" -> trigger = text(p);
                    case "host" -> host = text(p);
                    case "pid" -> pid = longOrNull(p);
                    case "status" -> status = status(p);
                    case "startedAt" -> startedAt = instant(p);
                    case "finishedAt" -> finishedAt = instant(p);
                    case "durationMs", "durationMillis" -> durationMs = longOrNull(p);
                    case "jobs" -> jobs = RecordParts.jobCounts(p);
                    default -> p.skipChildren();
                }
            }
            return new RunMetadata(execId, planName, planChecksum, planId, runner, user, trigger, host, pid, status,
                    startedAt, finishedAt, durationMs, jobs);
        }
    }
}
