package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orun.core.plan.ExecutionSettings;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.Step;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.records.FileStateBackend;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code orun status} and {@code orun logs} against real records written by the file backend. */
class StatusAndLogsRecordsCommandTest {

    @TempDir
    Path workspace;
    Path intent;

    private record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void intentFile() throws Exception {
        intent = Files.writeString(workspace.resolve("intent.yaml"), "apiVersion: orun.io/v1\nkind: Intent\n");
    }

    private Result orun(String... args) {
        CommandLine cli = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-i");
        all.add(intent.toString());
        int exit = cli.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }

    private static Step step(String id) {
        return new Step(id, id, "main", 0, "echo " + id, null, null, null, null, null, null, 0, null, null);
    }

    private static Job job(String component, String name, String... steps) {
        return new Job(component + "@dev." + name, name, component, "dev", "shell", name, null, null, ".",
                null, null, 0, null, null, null, java.util.Arrays.stream(steps).map(s -> step(s)).toList());
    }

    private static final Plan PLAN = PlanJson.withChecksum(Plan.of(new PlanMetadata("release", null, null, null, null),
            ExecutionSettings.defaults(), List.of(job("api", "build", "compile", "test"), job("web", "bundle", "pack"))));

    private void record(String execId, boolean apiFails) throws Exception {
        try (FileStateBackend backend = new FileStateBackend(workspace.resolve(".orun"), execId)) {
            backend.open(new RunDescriptor(execId, PLAN, "local", "manual", "alice"));
            runJob(backend, "api@dev.build", apiFails ? Status.FAILED : Status.SUCCEEDED, "compile", "test");
            runJob(backend, "web@dev.bundle", Status.SUCCEEDED, "pack");
            backend.finish(apiFails ? Status.FAILED : Status.SUCCEEDED, Instant.now());
        }
    }

    private static void runJob(FileStateBackend backend, String jobId, Status status, String... steps) throws Exception {
        var token = backend.claim(jobId, Duration.ofMinutes(1)).token();
        for (String step : steps) {
            backend.stepStarted(token, step, Instant.now());
            try (OutputStream log = backend.openLog(token, step)) {
                log.write(("log of " + jobId + " " + step + "\n").getBytes(StandardCharsets.UTF_8));
            }
            backend.stepFinished(token, new StepState(step, status, status == Status.SUCCEEDED ? 0 : 1,
                    Instant.now(), Instant.now(), null));
        }
        backend.jobFinished(token, status, Instant.now(), status == Status.SUCCEEDED ? null : "step test: exit 1");
    }

    @Test
    void statusShowsTheLatestRunGroupedByComponent() throws Exception {
        record("first", false);
        record("second", true);

        Result status = orun("status");

        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("▲ orun release", "Run: second", "State: failed",
                "✓ 1 succeeded", "✗ 1 failed", "● api", "✗ build", "step test: exit 1", "● web", "✓ bundle",
                "orun logs --exec-id second --failed");
    }

    @Test
    void statusJsonIsOneDocumentWithMetadataAndState() throws Exception {
        record("first", true);

        Result status = orun("status", "--json", "--exec-id", "first");

        assertThat(status.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(status.out());
        assertThat(doc.path("execId").asText()).isEqualTo("first");
        assertThat(doc.path("inProgress").asBoolean()).isFalse();
        assertThat(doc.path("metadata").path("status").asText()).isEqualTo("failed");
        assertThat(doc.path("metadata").path("planId").asText()).isEqualTo(PLAN.planId());
        assertThat(doc.path("metadata").path("user").asText()).isEqualTo("alice");
        assertThat(doc.path("metadata").path("jobs").path("failed").asInt()).isEqualTo(1);
        JsonNode build = doc.path("state").path("jobs").path("api@dev.build");
        assertThat(build.path("status").asText()).isEqualTo("failed");
        assertThat(build.path("steps").get(1).path("stepId").asText()).isEqualTo("test");
        assertThat(build.path("steps").get(1).path("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void statusAllListsRunsNewestFirst() throws Exception {
        record("run-1", false);
        Thread.sleep(5);
        record("run-2", true);

        Result all = orun("status", "--all");

        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("RUN", "STATE", "2/2 done  ✗ 1 failed");
        assertThat(all.out().indexOf("run-2")).isLessThan(all.out().indexOf("run-1"));
        JsonNode json = new ObjectMapper().readTree(orun("status", "--all", "--json").out());
        assertThat(json.get(0).path("execId").asText()).isEqualTo("run-2");
        assertThat(json.get(1).path("metadata").path("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void anUnknownExecIdIsExitTwoNamingRecentRuns() throws Exception {
        record("run-1", false);

        Result status = orun("status", "--exec-id", "nope");
        Result logs = orun("logs", "--exec-id", "nope");

        assertThat(status.exit()).isEqualTo(2);
        assertThat(status.err()).contains("unknown execution \"nope\"; recent runs: run-1");
        assertThat(logs.exit()).isEqualTo(2);
        assertThat(logs.err()).contains("recent runs: run-1");
    }

    @Test
    void withNoRunsStatusSaysSoAndSucceeds() {
        Result status = orun("status");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).contains("No runs yet.");
    }

    @Test
    void exitStatusGivesTheRunsExitCodeSoAScriptCanGateOnIt() throws Exception {
        record("bad", true);
        assertThat(orun("status", "--exec-id", "bad").exit()).as("showing a failed run succeeds").isZero();
        assertThat(orun("status", "--exec-id", "bad", "--exit-status").exit()).isEqualTo(1);
        assertThat(orun("status", "--exec-id", "bad", "--watch").exit()).isEqualTo(1);
        assertThat(orun("status", "--exec-id", "bad", "--watch", "--json").exit()).isEqualTo(1);

        record("good", false);
        assertThat(orun("status", "--exec-id", "good", "--exit-status").exit()).isZero();
        assertThat(orun("status", "--exec-id", "good", "--watch").exit()).isZero();

        try (FileStateBackend cancelled = new FileStateBackend(workspace.resolve(".orun"), "stopped")) {
            cancelled.open(new RunDescriptor("stopped", PLAN, "local", "manual", "alice"));
            runJob(cancelled, "api@dev.build", Status.SUCCEEDED, "compile", "test");
            cancelled.finish(Status.CANCELLED, Instant.now());
        }
        assertThat(orun("status", "--exec-id", "stopped", "--exit-status").exit()).isEqualTo(130);
        assertThat(orun("status", "--exec-id", "stopped", "--watch").exit()).isEqualTo(130);

        try (FileStateBackend live = new FileStateBackend(workspace.resolve(".orun"), "live")) {
            live.open(new RunDescriptor("live", PLAN, "local", "manual", "alice"));
            assertThat(orun("status", "--exec-id", "live", "--exit-status").exit())
                    .as("still running").isEqualTo(3);
            live.finish(Status.SUCCEEDED, Instant.now());
        }
    }

    @Test
    void logsArePrintedLabelledPerJobAndStep() throws Exception {
        record("r", true);

        Result logs = orun("logs");

        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).isEqualTo("""
                ==> api@dev.build / compile (failed) <==
                log of api@dev.build compile

                ==> api@dev.build / test (failed) <==
                log of api@dev.build test

                ==> web@dev.bundle / pack (succeeded) <==
                log of web@dev.bundle pack
                """);
    }

    @Test
    void logsFilterByJobPrefixStepAndFailure() throws Exception {
        record("r", true);

        assertThat(orun("logs", "--job", "web").out())
                .contains("web@dev.bundle / pack").doesNotContain("api@dev.build");
        assertThat(orun("logs", "--job", "api@dev.build", "--step", "test").out())
                .contains("api@dev.build / test").doesNotContain("/ compile").doesNotContain("web@");
        assertThat(orun("logs", "--failed").out())
                .contains("api@dev.build / compile", "api@dev.build / test").doesNotContain("web@");

        Result unknownJob = orun("logs", "--job", "db");
        assertThat(unknownJob.exit()).isEqualTo(2);
        assertThat(unknownJob.err()).contains("no job \"db\" in run r; jobs: api@dev.build, web@dev.bundle");
        Result ambiguous = orun("logs", "--job", "");
        assertThat(ambiguous.exit()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("is ambiguous");
    }

    @Test
    void logsOfAFailedOnlyQueryOnACleanRunSaySoAndSucceed() throws Exception {
        record("clean", false);
        Result logs = orun("logs", "--failed");
        assertThat(logs.exit()).isZero();
        assertThat(logs.out()).isEqualTo("No failed jobs in run clean.\n");
    }

    @Test
    void watchAndFollowKeepGoingUntilALiveRunEnds() throws Exception {
        try (FileStateBackend live = new FileStateBackend(workspace.resolve(".orun"), "live")) {
            live.open(new RunDescriptor("live", PLAN, "local", "manual", "alice"));
            List<Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread watcher = new Thread(() -> results.add(orun("status", "--watch", "--interval", "200")));
            Thread follower = new Thread(() -> results.add(orun("logs", "--follow")));
            watcher.start();
            follower.start();

            runJob(live, "api@dev.build", Status.SUCCEEDED, "compile", "test");
            Thread.sleep(300);
            assertThat(watcher.isAlive()).isTrue();
            assertThat(follower.isAlive()).isTrue();
            runJob(live, "web@dev.bundle", Status.FAILED, "pack");
            live.finish(Status.FAILED, Instant.now());

            watcher.join(60_000);
            follower.join(60_000);
            assertThat(results).hasSize(2);
            Result watchedRun = results.stream().filter(result -> result.out().startsWith("watching"))
                    .findFirst().orElseThrow();
            assertThat(watchedRun.exit()).as("--watch exits with the run's exit code").isEqualTo(1);
            String watched = watchedRun.out();
            assertThat(watched).contains("✓ api@dev.build succeeded", "✗ web@dev.bundle failed  step test: exit 1",
                    "State: failed");
            Result followedRun = results.stream().filter(result -> result.out().startsWith("==>"))
                    .findFirst().orElseThrow();
            assertThat(followedRun.exit()).isZero();
            String followed = followedRun.out();
            assertThat(followed).contains("log of api@dev.build compile", "log of api@dev.build test",
                    "log of web@dev.bundle pack");
        }
    }

    @Test
    void aCharacterSplitBetweenTwoReadChunksIsPrintedWhole() throws Exception {
        String text = "a".repeat(64 * 1024 - 1) + "é€\n";
        try (FileStateBackend backend = new FileStateBackend(workspace.resolve(".orun"), "utf")) {
            backend.open(new RunDescriptor("utf", PLAN, "local", "manual", "alice"));
            var token = backend.claim("web@dev.bundle", Duration.ofMinutes(1)).token();
            try (OutputStream log = backend.openLog(token, "pack")) {
                log.write(text.getBytes(StandardCharsets.UTF_8));
            }
            backend.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
            backend.finish(Status.SUCCEEDED, Instant.now());
        }

        Result logs = orun("logs", "--job", "web");

        assertThat(logs.out()).endsWith("aé€\n").doesNotContain("\uFFFD");
    }
}
