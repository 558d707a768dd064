package dev.orun.exec.records;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.orun.core.state.Annotation;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunState;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.StepState;
import dev.orun.core.text.IsoInstants;
import dev.orun.exec.internal.records.RecordsJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The machine-readable views behind {@code orun status --json}: stable field names, two-space
 * indentation, one document ending with a newline. Built from the read SPI, so every state
 * backend's runs render the same. Written field by field with the streaming generator — the
 * same bytes data binding of the records gives (their annotations name the fields, their order
 * and which are left out), without building the data-binding mapper and a tree of a large run.
 */
public final class StatusDocuments {

    private StatusDocuments() {
    }

    /**
     * One run: {@code {execId, inProgress, metadata, state}}; {@code metadata} is the
     * {@code metadata.json} shape with exact job counts, {@code state} the {@code RunState} shape.
     */
    public static String run(RunRecord run) {
        return document(json -> {
            json.writeStartObject();
            json.writeStringField("execId", run.execId());
            json.writeBooleanField("inProgress", run.inProgress());
            RunMetadata meta = run.metadata();
            json.writeFieldName("metadata");
            metadata(json, meta.withProgress(meta.status(), meta.finishedAt(), run.jobCounts()));
            json.writeFieldName("state");
            state(json, run.state());
            json.writeEndObject();
        });
    }

    /** Runs newest first: {@code [{execId, inProgress, abandoned, metadata}]}. */
    public static String list(List<RunSummary> runs) {
        return document(json -> {
            json.writeStartArray();
            for (RunSummary run : runs) {
                json.writeStartObject();
                json.writeStringField("execId", run.execId());
                json.writeBooleanField("inProgress", run.inProgress());
                json.writeBooleanField("abandoned", run.abandoned());
                json.writeFieldName("metadata");
                metadata(json, run.metadata());
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String document(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = RecordsJson.factory().createGenerator(out)) {
            json.setPrettyPrinter(RecordsJson.prettyPrinter());
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: cannot happen
        }
        out.write('\n');
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@link RunMetadata}: every field but nulls. */
    private static void metadata(JsonGenerator json, RunMetadata meta) throws IOException {
        json.writeStartObject();
        string(json, "execId", meta.execId());
        string(json, "planName", meta.planName());
        string(json, "planChecksum", meta.planChecksum());
        string(json, "planId", meta.planId());
        string(json, "runner", meta.runner());
        string(json, "user", meta.user());
        string(json, "trigger", meta.trigger());
        string(json, "host", meta.host());
        number(json, "pid", meta.pid());
        string(json, "status", meta.status() == null ? null : meta.status().wireName());
        instant(json, "startedAt", meta.startedAt());
        instant(json, "finishedAt", meta.finishedAt());
        number(json, "durationMs", meta.durationMs());
        JobCounts jobs = meta.jobs();
        json.writeObjectFieldStart("jobs");
        json.writeNumberField("total", jobs.total());
        json.writeNumberField("pending", jobs.pending());
        json.writeNumberField("running", jobs.running());
        json.writeNumberField("succeeded", jobs.succeeded());
        json.writeNumberField("failed", jobs.failed());
        json.writeNumberField("skipped", jobs.skipped());
        json.writeNumberField("cancelled", jobs.cancelled());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** {@link RunState}: every field but nulls; jobs by id. */
    private static void state(JsonGenerator json, RunState state) throws IOException {
        json.writeStartObject();
        string(json, "execId", state.execId());
        string(json, "planChecksum", state.planChecksum());
        string(json, "status", state.status() == null ? null : state.status().wireName());
        instant(json, "startedAt", state.startedAt());
        instant(json, "finishedAt", state.finishedAt());
        json.writeObjectFieldStart("jobs");
        for (Map.Entry<String, JobState> job : sorted(state.jobs()).entrySet()) {
            json.writeFieldName(job.getKey());
            job(json, job.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** {@link JobState}: every field but nulls. */
    private static void job(JsonGenerator json, JobState job) throws IOException {
        if (job == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        string(json, "jobId", job.jobId());
        string(json, "status", job.status() == null ? null : job.status().wireName());
        json.writeNumberField("attempts", job.attempts());
        instant(json, "startedAt", job.startedAt());
        instant(json, "finishedAt", job.finishedAt());
        string(json, "error", job.error());
        json.writeArrayFieldStart("steps");
        for (StepState step : job.steps()) {
            step(json, step);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** {@link StepState}: every field but nulls, empty texts, empty outputs and annotations. */
    private static void step(JsonGenerator json, StepState step) throws IOException {
        if (step == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        nonEmpty(json, "stepId", step.stepId());
        string(json, "status", step.status() == null ? null : step.status().wireName());
        number(json, "exitCode", step.exitCode() == null ? null : step.exitCode().longValue());
        instant(json, "startedAt", step.startedAt());
        instant(json, "finishedAt", step.finishedAt());
        nonEmpty(json, "error", step.error());
        if (!step.outputs().isEmpty()) {
            json.writeObjectFieldStart("outputs");
            for (Map.Entry<String, String> output : sorted(step.outputs()).entrySet()) {
                json.writeStringField(output.getKey(), output.getValue());
            }
            json.writeEndObject();
        }
        nonEmpty(json, "summary", step.summary());
        if (!step.annotations().isEmpty()) {
            json.writeArrayFieldStart("annotations");
            for (Annotation annotation : step.annotations()) {
                annotation(json, annotation);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    /** {@link Annotation}: every field but nulls. */
    private static void annotation(JsonGenerator json, Annotation annotation) throws IOException {
        json.writeStartObject();
        string(json, "level", annotation.level());
        string(json, "title", annotation.title());
        string(json, "file", annotation.file());
        number(json, "line", annotation.line() == null ? null : annotation.line().longValue());
        string(json, "message", annotation.message());
        json.writeEndObject();
    }

    /** By key, as the mapper orders map entries (the records' maps are sorted already: no copy). */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return map instanceof SortedMap<String, V> sortedMap && sortedMap.comparator() == null ? map : new TreeMap<>(map);
    }

    private static void string(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void nonEmpty(JsonGenerator json, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }

    /** ISO-8601 in UTC, as the records' mapper writes instants ({@code Instant.toString()}). */
    private static void instant(JsonGenerator json, String name, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(name, IsoInstants.format(value)); // 20000 instants on a 5000-job run
        }
    }
}
