package dev.orun.exec.records;

import dev.orun.exec.internal.records.RecordsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one job of a run leaves behind, as files for an artifact: the run's plan
 * ({@code plan.json}), the job's recorded state ({@code job.json}, with its steps' outputs,
 * summaries and annotations) and its step logs ({@code logs/<step>.log}). CI uploads it per job
 * ({@code --artifact github}) so a matrix of workers can be inspected in one place.
 */
public final class JobShard {

    private JobShard() {
    }

    /** The shard of {@code jobId} in {@code run}, entry name → content. */
    public static Map<String, byte[]> collect(Execution run, String jobId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            Path plan = run.dir().resolve("plan.json");
            if (Files.isRegularFile(plan)) {
                files.put("plan.json", Files.readAllBytes(plan));
            }
            files.put("job.json", RecordsJson.pretty(run.state().job(jobId)));
            for (LogEntry entry : run.logs()) {
                if (entry.jobId().equals(jobId) && Files.isRegularFile(entry.file())) {
                    files.put("logs/" + entry.file().getFileName(), Files.readAllBytes(entry.file()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the records of " + jobId, e);
        }
        return files;
    }

    /** An artifact name for the job: {@code orun-<exec>-<job>} with unsafe characters replaced. */
    public static String artifactName(String execId, String jobId) {
        return ("orun-" + execId + "-" + jobId).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
