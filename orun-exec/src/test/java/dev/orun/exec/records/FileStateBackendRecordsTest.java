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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The records a run leaves: jobs, steps, logs, resume, reset and claims across backends. */
class FileStateBackendRecordsTest extends RecordsTestSupport {

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
    void unsafeExecIdsAreRefusedBeforeAnythingIsWritten() {
        for (String bad : new String[] {"../../etc", "a/b", "..", ".", "", "-x", "a b"}) {
            assertThatThrownBy(() -> new FileStateBackend(orunDir(), bad))
                    .as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(orunDir()).doesNotExist();
    }
}
