package dev.orun.exec.internal.records;

import static dev.orun.exec.internal.records.JsonFields.expect;
import static dev.orun.exec.internal.records.JsonFields.instant;
import static dev.orun.exec.internal.records.JsonFields.longOrNull;
import static dev.orun.exec.internal.records.JsonFields.status;
import static dev.orun.exec.internal.records.JsonFields.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads one line of {@code journal.jsonl} with the streaming parser: a reader folding a journal
 * (status, logs, resume) needs no data-binding mapper (see {@link StateFileReader}). Gives what
 * {@code mapper().readValue(.., JournalEntry.class)} gives (which, too, ignores what follows the
 * line's object).
 */
final class JournalLineReader {

    private JournalLineReader() {
    }

    static JournalEntry read(byte[] data, int offset, int length) throws IOException {
        try (JsonParser p = RecordsJson.factory().createParser(data, offset, length)) {
            p.nextToken();
            expect(p, JsonToken.START_OBJECT);
            String kind = null;
            String job = null;
            Long epoch = null;
            Instant at = null;
            Instant until = null;
            String holder = null;
            Long pid = null;
            Instant pidStart = null;
            String host = null;
            Status status = null;
            String error = null;
            StepState step = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "kind" -> kind = text(p);
                    case "job" -> job = text(p);
                    case "epoch" -> epoch = longOrNull(p);
                    case "at" -> at = instant(p);
                    case "until" -> until = instant(p);
                    case "holder" -> holder = text(p);
                    case "pid" -> pid = longOrNull(p);
                    case "pidStart" -> pidStart = instant(p);
                    case "host" -> host = text(p);
                    case "status" -> status = status(p);
                    case "error" -> error = text(p);
                    case "step" -> step = RecordParts.step(p);
                    default -> p.skipChildren();
                }
            }
            return new JournalEntry(kind, job, epoch, at, until, holder, pid, pidStart, host, status, error, step);
        }
    }
}
