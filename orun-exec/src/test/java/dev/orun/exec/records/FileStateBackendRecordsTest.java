package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.RecordsJson;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateBackendRecordsTest {

    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path workspace;

    private Path orunDir() {
        return workspace.resolve(".orun");
    }

    private FileStateBackend open(String execId, Plan plan) {
        FileStateBackend backend = new FileStateBackend(orunDir(), execId);
        backend.open(TestPlans.run(execId, plan));
        return backend;
    }

    private JsonNode json(Path file) throws Exception {
        return RecordsJson.mapper().readTree(file.toFile());
    }

    private void runJob(FileStateBackend backend, String jobId, Status status, String... steps) throws Exception {
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

    @Test
    void aNewRunRecordsEveryPlanJobPendingWithItsStepsAndCopiesThePlan() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend backend = new FileStateBackend(orunDir(), "release-1")) {
            RunState state = backend.open(TestPlans.run("release-1", plan));

            assertThat(state.jobs()).containsOnlyKeys("api@dev.build", "api@dev.deploy");
            assertThat(state.jobs().values()).allMatch(job -> job.status() == Status.PENDING);
            assertThat(state.job("api@dev.build").steps()).extracting(StepState::stepId)
                    .containsExactly("compile", "test");
            assertThat(state.status()).isEqualTo(Status.RUNNING);
            assertThat(state.planChecksum()).isEqualTo(plan.metadata().checksum());

            Path dir = orunDir().resolve("executions/release-1");
            assertThat(dir.resolve("plan.json")).exists();
            assertThat(json(dir.resolve("state.json")).path("jobs").path("api@dev.deploy").path("status").asText())
                    .isEqualTo("pending");
            JsonNode meta = json(dir.resolve("metadata.json"));
            assertThat(meta.path("execId").asText()).isEqualTo("release-1");
            assertThat(meta.path("planName").asText()).isEqualTo("release");
            assertThat(meta.path("planId").asText()).isEqualTo(plan.planId());
            assertThat(meta.path("runner").asText()).isEqualTo("local");
            assertThat(meta.path("user").asText()).isEqualTo("tester");
            assertThat(meta.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(meta.path("status").asText()).isEqualTo("running");
            assertThat(meta.path("jobs").path("pending").asInt()).isEqualTo(2);
        }
    }

    @Test
    void transitionsAreVisibleToReadAtOnceAndInStateJsonAfterFinish() throws Exception {
        Plan plan = TestPlans.plan("release");
        Path dir = orunDir().resolve("executions/r1");
        try (FileStateBackend backend = open("r1", plan)) {
            runJob(backend, "api@dev.build", Status.SUCCEEDED, "compile", "test");

            assertThat(backend.read().job("api@dev.build").status()).isEqualTo(Status.SUCCEEDED);
            assertThat(Files.readString(dir.resolve("journal.jsonl"))).contains("\"kind\":\"end\",\"job\":\"api@dev.build\"");

            runJob(backend, "api@dev.deploy", Status.FAILED, "push");
            backend.finish(Status.FAILED, Instant.now());
        }
        JsonNode state = json(dir.resolve("state.json"));
        assertThat(state.path("status").asText()).isEqualTo("failed");
        JsonNode build = state.path("jobs").path("api@dev.build");
        assertThat(build.path("status").asText()).isEqualTo("succeeded");
        assertThat(build.path("attempts").asInt()).isEqualTo(1);
        assertThat(build.path("steps").get(1).path("exitCode").asInt()).isZero();
        JsonNode deploy = state.path("jobs").path("api@dev.deploy");
        assertThat(deploy.path("error").asText()).isEqualTo("step failed");
        assertThat(deploy.path("steps").get(0).path("error").asText()).isEqualTo("command exited with code 1");
        JsonNode meta = json(dir.resolve("metadata.json"));
        assertThat(meta.path("status").asText()).isEqualTo("failed");
        assertThat(meta.path("finishedAt").isTextual()).isTrue();
        assertThat(meta.path("durationMs").isNumber()).isTrue();
        assertThat(meta.path("jobs").path("succeeded").asInt()).isEqualTo(1);
        assertThat(meta.path("jobs").path("failed").asInt()).isEqualTo(1);
        assertThat(dir.resolve("logs/api@dev.build/compile.log")).hasContent("output of compile");
    }

    @Test
    void aJobStillRunningWhenItEndsHasItsRunningStepSettledAndUnstartedStepsSkipped() {
        try (FileStateBackend backend = open("r1", TestPlans.plan("release"))) {
            ClaimToken token = backend.claim("api@dev.build", LEASE).token();
            backend.stepStarted(token, "compile", Instant.now());
            backend.jobFinished(token, Status.CANCELLED, Instant.now(), "interrupted");

            assertThat(backend.read().job("api@dev.build").steps())
                    .extracting(StepState::status).containsExactly(Status.CANCELLED, Status.SKIPPED);
        }
    }

    @Test
    void resumeKeepsSucceededAndFailedJobsDoneAndRerunsCancelledOnes() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend first = open("r1", plan)) {
            runJob(first, "api@dev.build", Status.SUCCEEDED, "compile");
            ClaimToken deploy = first.claim("api@dev.deploy", LEASE).token();
            first.jobFinished(deploy, Status.CANCELLED, Instant.now(), "interrupted");
            first.finish(Status.CANCELLED, Instant.now());
        }
        try (FileStateBackend resumed = open("r1", plan)) {
            assertThat(resumed.read().job("api@dev.build").status()).isEqualTo(Status.SUCCEEDED);
            assertThat(resumed.claim("api@dev.build", LEASE))
                    .isEqualTo(ClaimResult.alreadyDone(Status.SUCCEEDED));
            assertThat(resumed.claim("api@dev.deploy", LEASE).isClaimed()).isTrue();
            assertThat(resumed.read().job("api@dev.deploy").attempts()).isEqualTo(2);
            assertThat(orunDir().resolve("executions/r1/logs/api@dev.build/compile.log")).exists();
            assertThat(resumed.read().status()).isEqualTo(Status.RUNNING);
        }
        try (FileStateBackend again = open("r1", plan)) {
            // the resumed process closed without finishing deploy: it is claimable once more
            assertThat(again.claim("api@dev.deploy", LEASE).isClaimed()).isTrue();
        }
    }

    @Test
    void joiningARunWithADifferentPlanIsRefusedWithExitTwo() throws Exception {
        try (FileStateBackend first = open("r1", TestPlans.plan("release"))) {
            first.finish(Status.SUCCEEDED, Instant.now());
        }
        Plan other = TestPlans.plan("release", TestPlans.job("web@dev.build", "bundle"));
        Path metadata = orunDir().resolve("executions/r1/metadata.json");
        String before = Files.readString(metadata);
        FileStateBackend second = new FileStateBackend(orunDir(), "r1");
        String expected = "execution r1 was started with plan " + TestPlans.plan("release").planId()
                + ", not " + other.planId() + " (the plan changed since); resume it with its own plan: orun run"
                + " .orun/executions/r1/plan.json --exec-id r1, or start anew without --exec-id";
        assertThatThrownBy(() -> second.open(TestPlans.run("r1", other)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(expected)
                .satisfies(e -> assertThat(((OrunException) e).exitCode()).isEqualTo(2));
        second.close();
        assertThat(metadata).hasContent(before.strip());
    }

    @Test
    void resetJobForgetsTheJobsStateAndLogs() throws Exception {
        try (FileStateBackend backend = open("r1", TestPlans.plan("release"))) {
            runJob(backend, "api@dev.build", Status.FAILED, "compile");
            Path logs = orunDir().resolve("executions/r1/logs/api@dev.build");
            assertThat(logs).isDirectory();

            backend.resetJob("api@dev.build");

            assertThat(logs).doesNotExist();
            assertThat(backend.read().job("api@dev.build").status()).isEqualTo(Status.PENDING);
            assertThat(backend.read().job("api@dev.build").attempts()).isZero();
            assertThat(backend.claim("api@dev.build", LEASE).isClaimed()).isTrue();
        }
    }

    @Test
    void twoBackendsInOneJvmNeverBothClaimAJob() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend a = open("r1", plan); FileStateBackend b = open("r1", plan)) {
            ClaimToken token = a.claim("api@dev.build", LEASE).token();
            ClaimResult other = b.claim("api@dev.build", LEASE);
            assertThat(other.outcome()).isEqualTo(ClaimResult.Outcome.HELD_ELSEWHERE);
            assertThatThrownBy(() -> b.resetJob("api@dev.build"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("running in another process");

            assertThat(b.jobNotRun("api@dev.build", Status.SKIPPED, Instant.now(), "fail-fast")).isFalse();
            assertThat(a.read().job("api@dev.build").status()).isEqualTo(Status.RUNNING);

            a.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
            assertThat(b.jobNotRun("api@dev.build", Status.SKIPPED, Instant.now(), "fail-fast")).isFalse();

            assertThat(b.claim("api@dev.build", LEASE).outcome()).isEqualTo(ClaimResult.Outcome.ALREADY_DONE);
            assertThat(b.read().job("api@dev.build").status()).isEqualTo(Status.SUCCEEDED);
        }
    }

    @Test
    void runStaysRunningWhileAnotherProcessStillHoldsAJob() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend a = open("r1", plan); FileStateBackend b = open("r1", plan)) {
            ClaimToken token = a.claim("api@dev.build", LEASE).token();
            runJob(b, "api@dev.deploy", Status.SUCCEEDED, "push");
            b.finish(Status.SUCCEEDED, Instant.now());
            assertThat(json(orunDir().resolve("executions/r1/metadata.json")).path("status").asText())
                    .isEqualTo("running");

            a.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
            a.finish(Status.SUCCEEDED, Instant.now());
            assertThat(json(orunDir().resolve("executions/r1/metadata.json")).path("status").asText())
                    .isEqualTo("succeeded");
        }
    }

    @Test
    void compactionCatchesStateJsonUpWhileTheRunIsInProgress() throws Exception {
        Path stateFile = orunDir().resolve("executions/r1/state.json");
        try (FileStateBackend backend = new FileStateBackend(orunDir(), "r1",
                java.time.Clock.systemUTC(), Duration.ofMillis(20))) {
            backend.open(TestPlans.run("r1", TestPlans.plan("release")));
            runJob(backend, "api@dev.build", Status.SUCCEEDED, "compile");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!json(stateFile).path("jobs").path("api@dev.build").path("status").asText().equals("succeeded")
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(json(stateFile).path("jobs").path("api@dev.build").path("status").asText())
                    .isEqualTo("succeeded");
            assertThat(json(stateFile).path("status").asText()).isEqualTo("running");
        }
    }

    /**
     * The interrupted-run case: the background writer has computed a snapshot in which the run is
     * still running and is slow to write it (a busy disk, a descheduled thread) while the run
     * finishes. The final snapshot must be the one left on disk.
     */
    @Test
    void aSlowBackgroundCompactionCannotOverwriteTheFinalSnapshotWithAnOlderOne() throws Exception {
        Path stateFile = orunDir().resolve("executions/r1/state.json");
        java.util.concurrent.CountDownLatch backgroundWriting = new java.util.concurrent.CountDownLatch(1);
        FileStateBackend.SnapshotWrites slowInBackground = (file, bytes) -> {
            if (Thread.currentThread().getName().startsWith("orun-records-") && backgroundWriting.getCount() > 0) {
                backgroundWriting.countDown();
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            dev.orun.exec.internal.records.AtomicFiles.write(file, bytes);
        };
        try (FileStateBackend backend = new FileStateBackend(orunDir(), "r1", java.time.Clock.systemUTC(),
                Duration.ofMillis(10), slowInBackground)) {
            backend.open(TestPlans.run("r1", TestPlans.plan("release")));
            runJob(backend, "api@dev.build", Status.CANCELLED, "compile");
            assertThat(backgroundWriting.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            backend.finish(Status.CANCELLED, Instant.now());
        }

        assertThat(json(stateFile).path("status").asText()).isEqualTo("cancelled");
        assertThat(json(stateFile).path("jobs").path("api@dev.build").path("status").asText())
                .isEqualTo("cancelled");
        assertThat(json(orunDir().resolve("executions/r1/metadata.json")).path("status").asText())
                .isEqualTo("cancelled");
    }

    @Test
    void unsafeExecIdsAreRefusedBeforeAnythingIsWritten() {
        for (String bad : new String[] {"../../etc", "a/b", "..", ".", "", "-x", "a b"}) {
            assertThatThrownBy(() -> new FileStateBackend(orunDir(), bad))
                    .as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(orunDir()).doesNotExist();
    }

    @Test
    void everyTransitionIsOneJournalLineThatOtherReadersSeeAtOnce() throws Exception {
        FileRunRecords records = new FileRunRecords(orunDir());
        Path journal = orunDir().resolve("executions/r1/journal.jsonl");
        try (FileStateBackend backend = open("r1", TestPlans.plan("release"))) {
            long lines = Files.readAllLines(journal).size();
            ClaimToken token = backend.claim("api@dev.build", LEASE).token();
            assertThat(records.load("r1").state().job("api@dev.build").status()).isEqualTo(Status.RUNNING);

            backend.stepStarted(token, "compile", Instant.now());
            assertThat(records.load("r1").state().job("api@dev.build").steps().get(0).status())
                    .isEqualTo(Status.RUNNING);
            backend.stepFinished(token, new StepState("compile", Status.SUCCEEDED, 0, null, null, null));
            backend.heartbeat(token, Duration.ofHours(1));
            assertThat(Files.readAllLines(journal)).hasSize((int) lines + 4);
            assertThat(orunDir().resolve("executions/r1/jobs")).doesNotExist();
            assertThat(orunDir().resolve("executions/r1/claims")).doesNotExist();
        }
        assertThat(records.load("r1").state().job("api@dev.build").steps().get(0).status())
                .isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void aTornLastJournalLineIsIgnoredOnResumeAndCutOffByTheNextWriter() throws Exception {
        Plan plan = TestPlans.plan("release");
        Path journal = orunDir().resolve("executions/r1/journal.jsonl");
        try (FileStateBackend first = open("r1", plan)) {
            runJob(first, "api@dev.build", Status.SUCCEEDED, "compile");
        }
        String torn = "{\"kind\":\"end\",\"job\":\"api@dev.deploy\",\"epoch\":1,\"status\":\"succ";
        Files.writeString(journal, torn, java.nio.file.StandardOpenOption.APPEND);

        try (FileStateBackend resumed = open("r1", plan)) {
            assertThat(resumed.read().job("api@dev.build").status()).isEqualTo(Status.SUCCEEDED);
            assertThat(resumed.read().job("api@dev.deploy").status()).isEqualTo(Status.PENDING);
            assertThat(resumed.claim("api@dev.deploy", LEASE).isClaimed()).isTrue();
        }
        assertThat(Files.readString(journal)).doesNotContain("\"status\":\"succ\n").endsWith("\n");
        assertThat(new FileRunRecords(orunDir()).load("r1").state().job("api@dev.build").status())
                .isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void anUnreadableSnapshotIsRebuiltFromTheJournal() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend first = open("r1", plan)) {
            runJob(first, "api@dev.build", Status.SUCCEEDED, "compile", "test");
            first.finish(Status.SUCCEEDED, Instant.now());
        }
        Files.writeString(orunDir().resolve("executions/r1/state.json"), "{\"jobs\": {\"api@dev.b");

        assertThat(new FileRunRecords(orunDir()).load("r1").state().job("api@dev.build").status())
                .isEqualTo(Status.SUCCEEDED);
        try (FileStateBackend resumed = open("r1", plan)) {
            assertThat(resumed.claim("api@dev.build", LEASE)).isEqualTo(ClaimResult.alreadyDone(Status.SUCCEEDED));
        }
        assertThat(json(orunDir().resolve("executions/r1/state.json")).path("jobs").path("api@dev.build")
                .path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void aDamagedJournalLineIsAnErrorNamingTheFileAndWhatToDo() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend first = open("r1", plan)) {
            runJob(first, "api@dev.build", Status.SUCCEEDED, "compile");
        }
        Path journal = orunDir().resolve("executions/r1/journal.jsonl");
        Files.write(journal, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        Files.delete(orunDir().resolve("executions/r1/state.json"));

        assertThatThrownBy(() -> open("r1", plan))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(journal.toString())
                .hasMessageContaining("not valid UTF-8")
                .hasMessageContaining("start a new --exec-id");
    }

    @Test
    void aClaimCompactedIntoTheSnapshotStillHoldsTheJobForAProcessJoiningLater() throws Exception {
        Plan plan = TestPlans.plan("release");
        Path stateFile = orunDir().resolve("executions/r1/state.json");
        try (FileStateBackend first = new FileStateBackend(orunDir(), "r1", java.time.Clock.systemUTC(),
                Duration.ofMillis(20))) {
            first.open(TestPlans.run("r1", plan));
            ClaimToken token = first.claim("api@dev.build", LEASE).token();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!json(stateFile).path("leases").has("api@dev.build") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (FileStateBackend joining = open("r1", plan)) {
                assertThat(joining.claim("api@dev.build", LEASE)).isEqualTo(ClaimResult.heldElsewhere(Status.RUNNING));
                first.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
                assertThat(joining.claim("api@dev.build", LEASE)).isEqualTo(ClaimResult.alreadyDone(Status.SUCCEEDED));
            }
        }
    }

    @Test
    void aTruncatedMetadataFileIsNamedByStatusAndRewrittenByResume() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend first = open("r1", plan)) {
            runJob(first, "api@dev.build", Status.SUCCEEDED, "compile");
            first.finish(Status.SUCCEEDED, Instant.now());
        }
        Path metadata = orunDir().resolve("executions/r1/metadata.json");
        Files.writeString(metadata, "{\"execId\": \"r1\", \"status\": \"succ");

        assertThatThrownBy(() -> new FileRunRecords(orunDir()).load("r1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(metadata.toString()).hasMessageContaining("orun run --exec-id r1");
        try (FileStateBackend resumed = open("r1", plan)) {
            assertThat(resumed.claim("api@dev.build", LEASE)).isEqualTo(ClaimResult.alreadyDone(Status.SUCCEEDED));
        }
        assertThat(new FileRunRecords(orunDir()).load("r1").state().job("api@dev.build").status())
                .isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void anUnknownStatusOrGarbageInAStateFileWithoutJournalIsAnErrorSayingWhatToDo() throws Exception {
        Path dir = Files.createDirectories(orunDir().resolve("executions/old-1"));
        Files.writeString(dir.resolve("state.json"), "{\"execId\":\"old-1\",\"status\":\"running\",\"jobs\":"
                + "{\"api@dev.build\":{\"jobId\":\"api@dev.build\",\"status\":\"exploded\"}}}");

        assertThatThrownBy(() -> new FileStateBackend(orunDir(), "old-1").peek())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.resolve("state.json").toString())
                .hasMessageContaining("unknown status \"exploded\"")
                .hasMessageContaining("start a new --exec-id")
                .satisfies(e -> assertThat(((OrunException) e).exitCode()).isEqualTo(2));
        Files.write(dir.resolve("state.json"), new byte[] {'{', (byte) 0xc3, '(', '}'});
        assertThatThrownBy(() -> new FileStateBackend(orunDir(), "old-1").peek())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid UTF-8");
    }
}
