package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.OrunException;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The journal and its compactions: what readers see, torn or damaged lines, rebuilt snapshots. */
class FileStateBackendJournalTest extends RecordsTestSupport {

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
        dev.orun.exec.internal.records.SnapshotWrites slowInBackground = (file, bytes) -> {
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
