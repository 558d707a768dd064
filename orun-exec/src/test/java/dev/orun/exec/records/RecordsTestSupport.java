package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.RecordsJson;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;

/** The workspace, backends and helpers the records tests share. */
abstract class RecordsTestSupport {

    static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path workspace;

    Path orunDir() {
        return workspace.resolve(".orun");
    }

    FileStateBackend open(String execId, Plan plan) {
        FileStateBackend backend = new FileStateBackend(orunDir(), execId);
        backend.open(TestPlans.run(execId, plan));
        return backend;
    }

    JsonNode json(Path file) throws Exception {
        return RecordsJson.mapper().readTree(file.toFile());
    }

    void runJob(FileStateBackend backend, String jobId, Status status, String... steps) throws Exception {
        ClaimToken token = backend.claim(jobId, LEASE).token();
        assertThat(token).isNotNull();
        for (String step : steps) {
            Instant start = Instant.now();
            backend.stepStarted(token, step, start);
            try (OutputStream log = backend.openLog(token, step)) {
                log.write(("output of " + step + "\n").getBytes(StandardCharsets.UTF_8));
            }
            backend.stepFinished(token, new StepState(step, status, status == Status.SUCCEEDED ? 0 : 1,
                    start, Instant.now(), status == Status.SUCCEEDED ? null : "command exited with code 1"));
        }
        backend.jobFinished(token, status, Instant.now(), status == Status.SUCCEEDED ? null : "step failed");
    }
}
