package dev.orun.runner.gha.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.LogChunk;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StepLog;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one job of a run leaves behind, as files for an artifact: the plan ({@code plan.json}),
 * the job's recorded state ({@code job.json}, with its steps' outputs, summaries and
 * annotations) and its step logs ({@code logs/<step>.log}), read through the records API.
 */
public final class JobShard {

    private static final int CHUNK = 1 << 20;
    private static final com.fasterxml.jackson.databind.ObjectWriter RECORD = com.fasterxml.jackson
            .databind.json.JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build().writerWithDefaultPrettyPrinter();

    private JobShard() {
    }

    /** The shard of {@code jobId}, entry name → content. */
    public static Map<String, byte[]> collect(Plan plan, RunRecords records, RunRecord run, String jobId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("plan.json", PlanJson.toBytes(plan));
        try {
            files.put("job.json", RECORD.writeValueAsBytes(run.state().job(jobId)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        for (StepLog log : run.logs()) {
            if (log.jobId().equals(jobId)) {
                files.put("logs/" + log.stepId().replaceAll("[^A-Za-z0-9._-]", "_") + ".log",
                        read(records, run.execId(), log));
            }
        }
        return files;
    }

    private static byte[] read(RunRecords records, String execId, StepLog log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long offset = 0;
        while (true) {
            LogChunk chunk = records.readLog(execId, log.jobId(), log.stepId(), offset, CHUNK);
            byte[] data = chunk.bytes();
            out.write(data, 0, data.length);
            if (data.length < CHUNK) {
                return out.toByteArray();
            }
            offset += data.length;
        }
    }

    /** An artifact name for the job: {@code orun-<exec>-<job>} with unsafe characters replaced. */
    public static String artifactName(String execId, String jobId) {
        return ("orun-" + execId + "-" + jobId).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
