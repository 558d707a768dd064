package dev.orun.exec.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepLog;
import dev.orun.core.state.StepState;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionRecordsTest {

    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Instant T0 = Instant.parse("2026-05-30T09:00:00Z");

    @TempDir
    Path workspace;

    private Path orunDir() {
        return workspace.resolve(".orun");
    }

    private FileStateBackend backend(String execId, Instant startedAt) {
        return new FileStateBackend(orunDir(), execId, Clock.fixed(startedAt, ZoneOffset.UTC), Duration.ofSeconds(1));
    }

    private static void step(FileStateBackend backend, ClaimToken job, String step, Status status, String output)
            throws Exception {
        backend.stepStarted(job, step, T0);
        try (OutputStream log = backend.openLog(job, step)) {
            log.write(output.getBytes(StandardCharsets.UTF_8));
        }
        backend.stepFinished(job, new StepState(step, status, status == Status.SUCCEEDED ? 0 : 2, T0, T0, null));
    }

    /** Three runs: a (oldest, succeeded), c (middle, failed), b (newest, finished). */
    private void recordThreeRuns() throws Exception {
        Plan plan = TestPlans.plan("release");
        try (FileStateBackend a = backend("run-a", T0)) {
            a.open(TestPlans.run("run-a", plan));
            a.finish(Status.SUCCEEDED, T0.plusSeconds(5));
        }
        try (FileStateBackend c = backend("run-c", T0.plusSeconds(60))) {
            c.open(TestPlans.run("run-c", plan));
            ClaimToken build = c.claim("api@dev.build", LEASE).token();
            step(c, build, "compile", Status.SUCCEEDED, "compiled\n");
            step(c, build, "test", Status.FAILED, "1 test failed\nexpected 1 but was 2\n");
            c.jobFinished(build, Status.FAILED, T0.plusSeconds(70), "step test: exit 2");
            ClaimToken deploy = c.claim("api@dev.deploy", LEASE).token();
            step(c, deploy, "push", Status.SUCCEEDED, "pushed\n");
            c.jobFinished(deploy, Status.SUCCEEDED, T0.plusSeconds(71), null);
            c.finish(Status.FAILED, T0.plusSeconds(72));
        }
        try (FileStateBackend b = backend("run-b", T0.plusSeconds(120))) {
            b.open(TestPlans.run("run-b", plan));
            b.finish(Status.SUCCEEDED, T0.plusSeconds(130));
        }
    }

    @Test
    void listsRunsNewestFirstWithTheirStatusAndCounts() throws Exception {
        recordThreeRuns();
        FileRunRecords records = new FileRunRecords(orunDir());

        assertThat(records.list()).extracting(dev.orun.core.state.RunSummary::execId).containsExactly("run-b", "run-c", "run-a");
        assertThat(records.latest()).map(dev.orun.core.state.RunSummary::execId).hasValue("run-b");
        dev.orun.core.state.RunSummary c = records.find("run-c").orElseThrow();
        assertThat(c.status()).isEqualTo(Status.FAILED);
        assertThat(c.inProgress()).isFalse();
        assertThat(c.duration(Instant.now())).isEqualTo(Duration.ofSeconds(12));
        assertThat(c.jobs()).isEqualTo(new dev.orun.core.state.JobCounts(2, 0, 0, 1, 1, 0, 0));
    }

    @Test
    void findsByUniquePrefixAndNamesRecentRunsForAnUnknownId() throws Exception {
        recordThreeRuns();
        FileRunRecords records = new FileRunRecords(orunDir());

        assertThat(records.load("run-c").execId()).isEqualTo("run-c");
        assertThatThrownBy(() -> records.find("run-"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("exec id prefix \"run-\" matches 3 runs: run-b, run-c, run-a");
        assertThatThrownBy(() -> records.load("nope"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown execution \"nope\"; recent runs: run-b, run-c, run-a");
        assertThatThrownBy(() -> records.load("../etc"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown execution");
    }

    @Test
    void anEmptyWorkspaceHasNoLatestRun() {
        FileRunRecords records = new FileRunRecords(orunDir());
        assertThat(records.list()).isEmpty();
        assertThatThrownBy(() -> records.load(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no runs recorded").hasMessageContaining("orun run");
    }

    @Test
    void logsAreListedByJobThenStepWithTheStepsStatus() throws Exception {
        recordThreeRuns();
        RunRecord run = new FileRunRecords(orunDir()).load("run-c");

        assertThat(run.logs()).extracting(StepLog::label, StepLog::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("api@dev.build / compile", Status.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("api@dev.build / test", Status.FAILED),
                org.assertj.core.groups.Tuple.tuple("api@dev.deploy / push", Status.SUCCEEDED));
        assertThat(run.jobCounts().failed()).isEqualTo(1);
        assertThat(new String(new FileRunRecords(orunDir()).readLog("run-c", "api@dev.build", "test", 14, 100).bytes(),
                StandardCharsets.UTF_8)).isEqualTo("expected 1 but was 2\n");
    }

    @Test
    void aLogWhoseStepIsNotInTheStateIsStillListed() throws Exception {
        recordThreeRuns();
        Path stray = orunDir().resolve("executions/run-b/logs/api@dev.build/crash%2Fstep.log");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "half a line");

        assertThat(new FileRunRecords(orunDir()).load("run-b").logs())
                .extracting(StepLog::stepId).containsExactly("crash/step");
    }

    @Test
    void followingARunInProgressStreamsLogsUntilItEnds() throws Exception {
        Plan plan = TestPlans.plan("release");
        FileRunRecords records = new FileRunRecords(orunDir());
        try (FileStateBackend live = new FileStateBackend(orunDir(), "live")) {
            live.open(TestPlans.run("live", plan));
            ClaimToken build = live.claim("api@dev.build", LEASE).token();
            live.stepStarted(build, "compile", Instant.now());
            OutputStream compileLog = live.openLog(build, "compile");
            compileLog.write("first\n".getBytes(StandardCharsets.UTF_8));
            compileLog.flush();

            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            List<String> labels = new ArrayList<>();
            AtomicReference<RunRecord> ended = new AtomicReference<>();
            Thread follower = new Thread(() -> {
                try {
                    ended.set(new LogFollower(records, records.find("live").orElseThrow(), entry -> true, Duration.ofMillis(20))
                            .follow((entry, bytes, off, len) -> {
                                synchronized (seen) {
                                    labels.add(entry.label());
                                    seen.write(bytes, off, len);
                                }
                            }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            follower.start();
            waitUntil(() -> seenText(seen).contains("first"));

            compileLog.write("second\n".getBytes(StandardCharsets.UTF_8));
            compileLog.close();
            live.stepFinished(build, new StepState("compile", Status.SUCCEEDED, 0, null, null, null));
            step(live, build, "test", Status.SUCCEEDED, "tested\n");
            live.jobFinished(build, Status.SUCCEEDED, Instant.now(), null);
            assertThat(follower.isAlive()).isTrue();
            live.finish(Status.SUCCEEDED, Instant.now());

            follower.join(60_000);
            assertThat(follower.isAlive()).isFalse();
            assertThat(seenText(seen)).isEqualTo("first\nsecond\ntested\n");
            assertThat(labels).contains("api@dev.build / compile", "api@dev.build / test");
            assertThat(ended.get().metadata().status()).isEqualTo(Status.SUCCEEDED);
        }
    }

    private static String seenText(ByteArrayOutputStream seen) {
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }
}
