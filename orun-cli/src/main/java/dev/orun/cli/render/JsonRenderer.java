package dev.orun.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.orun.exec.DryRunReport;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.ExecutionResult.JobResult;
import dev.orun.exec.ExecutionResult.StepOutcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --json}: exactly one JSON document on stdout, durations in milliseconds. */
public final class JsonRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;

    public JsonRenderer(PrintStream out) {
        this.out = out;
    }

    public void render(ExecutionResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("execId", result.execId());
        doc.put("planChecksum", result.planChecksum());
        doc.put("runner", result.runner());
        doc.put("status", result.status().wireName());
        doc.put("durationMs", result.duration().toMillis());
        List<Object> jobs = new ArrayList<>();
        for (JobResult job : result.jobs()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", job.id());
            entry.put("component", job.component());
            entry.put("environment", job.environment());
            entry.put("status", job.status().wireName());
            entry.put("durationMs", job.duration().toMillis());
            entry.put("reused", job.reused());
            if (job.error() != null) {
                entry.put("error", job.error());
            }
            if (!job.outputTail().isEmpty()) {
                entry.put("outputTail", job.outputTail());
            }
            List<Object> steps = new ArrayList<>();
            for (StepOutcome step : job.steps()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", step.id());
                s.put("status", step.status().wireName());
                s.put("exitCode", step.exitCode());
                s.put("durationMs", step.duration().toMillis());
                s.put("attempts", step.attempts());
                if (step.error() != null) {
                    s.put("error", step.error());
                }
                if (!step.annotations().isEmpty()) {
                    s.put("annotations", step.annotations());
                }
                steps.add(s);
            }
            entry.put("steps", steps);
            jobs.add(entry);
        }
        doc.put("jobs", jobs);
        write(doc);
    }

    /** {@code execId}: the one pinned with {@code --exec-id}, else {@code null} (nothing runs). */
    public void render(DryRunReport report, String execId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("dryRun", true);
        doc.put("execId", execId);
        doc.put("planChecksum", report.planChecksum());
        doc.put("runner", report.runner());
        doc.put("concurrency", report.concurrency());
        doc.put("componentConcurrency", report.componentConcurrency());
        doc.put("failFast", report.failFast());
        doc.put("isolation", report.isolation());
        if (report.isolationNote() != null) {
            doc.put("isolationNote", report.isolationNote());
        }
        doc.put("jobs", report.jobs());
        write(doc);
    }

    private void write(Object doc) {
        try {
            out.println(MAPPER.writeValueAsString(doc));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
