package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.plan.Plan;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.PathSegments;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile job and step ids never write outside the execution's own directory. */
class RecordsPathSafetyTest {

    @TempDir
    Path workspace;

    @Test
    void segmentsKeepSafeCharactersAndEncodeEverythingElseReversibly() {
        assertThat(PathSegments.encode("api@dev.build-1_x")).isEqualTo("api@dev.build-1_x");
        assertThat(PathSegments.encode("a/b")).isEqualTo("a%2Fb");
        assertThat(PathSegments.encode("..")).isEqualTo("%2E.");
        assertThat(PathSegments.encode(".")).isEqualTo("%2E");
        assertThat(PathSegments.encode("../../etc")).isEqualTo("%2E.%2F..%2Fetc");
        assertThat(PathSegments.encode("a\\b:c")).isEqualTo("a%5Cb%3Ac");
        assertThat(PathSegments.encode("é")).isEqualTo("%C3%A9");
        assertThat(PathSegments.encode("a%2Fb")).isNotEqualTo(PathSegments.encode("a/b"));
        String longId = "x".repeat(400);
        assertThat(PathSegments.encode(longId)).hasSizeLessThanOrEqualTo(160)
                .isNotEqualTo(PathSegments.encode(longId + "y"));
    }

    @Test
    void hostileStepAndJobIdsStayInsideTheExecutionDirectory() throws Exception {
        List<String> hostile = List.of("../../etc", "a/b", "..", ".", "/abs", "x\\..\\..\\y");
        Plan plan = TestPlans.plan("demo");
        Path orunDir = workspace.resolve(".orun");
        Path execDir = orunDir.resolve("executions/evil");
        try (FileStateBackend backend = new FileStateBackend(orunDir, "evil")) {
            backend.open(TestPlans.run("evil", plan));
            for (String id : hostile) {
                String jobId = "api@dev." + id;
                var token = backend.claim(id, Duration.ofMinutes(1)).token();
                backend.stepStarted(token, id, Instant.now());
                try (OutputStream log = backend.openLog(token, id)) {
                    log.write(id.getBytes());
                }
                var second = backend.claim(jobId, Duration.ofMinutes(1)).token();
                try (OutputStream log = backend.openLog(second, id)) {
                    log.write(id.getBytes());
                }
                backend.jobFinished(second, Status.SUCCEEDED, Instant.now(), null);
                backend.stepFinished(token, new StepState(id, Status.SUCCEEDED, 0, null, null, null));
                backend.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
                assertThat(backend.logFile(id, id).normalize()).startsWith(execDir.resolve("logs").toAbsolutePath());
            }
            assertThat(backend.read().jobs().keySet()).containsAll(hostile);
        }
        try (Stream<Path> all = Files.walk(workspace)) {
            assertThat(all.filter(Files::isRegularFile).map(Path::toAbsolutePath))
                    .allMatch(file -> file.startsWith(execDir.toAbsolutePath()), "inside " + execDir);
        }
        try (Stream<Path> logs = Files.list(execDir.resolve("logs"))) {
            assertThat(logs.map(path -> path.getFileName().toString()))
                    .contains("%2E.%2F..%2Fetc", "a%2Fb", "%2E.", "%2E");
        }
    }
}
