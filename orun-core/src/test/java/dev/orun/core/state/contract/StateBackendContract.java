package dev.orun.core.state.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.core.plan.ExecutionSettings;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.JobId;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.plan.PlanMetadata;
import dev.orun.core.plan.Step;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateBackend} must do, run by each implementation (the file backend, the
 * in-memory one, the remote client): a subclass says how to make workers that share one run and
 * how to move their clock.
 */
public abstract class StateBackendContract {

    protected static final Duration LEASE = Duration.ofMinutes(1);
    protected static final String EXEC_ID = "contract-1";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<StateBackend> opened = new ArrayList<>();

    /** A new worker (as another process would be) on the shared run {@code execId}, using {@link #clock}. */
    protected abstract StateBackend newWorker(String execId);

    /** The directory a backend's files for the run must stay inside, when it keeps files. */
    protected abstract Optional<Path> storageRoot();

    @AfterEach
    void closeWorkers() {
        opened.forEach(StateBackend::close);
    }

    protected StateBackend worker(Plan plan) {
        StateBackend backend = newWorker(EXEC_ID);
        opened.add(backend);
        backend.open(new RunDescriptor(EXEC_ID, plan, "local", "manual", "contract"));
        return backend;
    }

    protected static Plan plan(int jobs) {
        List<Job> list = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            list.add(job(String.format("c%03d@dev.build", i)));
        }
        return plan(list);
    }

    protected static Plan plan(List<Job> jobs) {
        return PlanJson.withChecksum(Plan.of(new PlanMetadata("contract", null, null, null, null),
                ExecutionSettings.defaults(), jobs));
    }

    protected static Job job(String id) {
        JobId parsed = JobId.parse(id);
        Step step = new Step("compile", "compile", "main", 0, "true", null, null, null, null, null, null, 0, null, null);
        return new Job(id, parsed.job(), parsed.component(), parsed.environment(), "shell", parsed.job(),
                null, null, ".", null, null, 0, null, null, null, List.of(step));
    }

    @Test
    void underContentionEveryJobIsClaimedByExactlyOneWorker() throws Exception {
        Plan plan = plan(30);
        List<StateBackend> workers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            workers.add(worker(plan));
        }
        Map<String, List<Long>> grants = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (StateBackend worker : workers) {
            for (int t = 0; t < 2; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (Job job : plan.jobs()) {
                        ClaimResult result = worker.claim(job.id(), LEASE);
                        if (result.isClaimed()) {
                            grants.computeIfAbsent(job.id(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                    .add(result.token().epoch());
                        }
                    }
                    return null;
                }));
            }
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(grants).hasSize(30);
        // a worker re-claiming its own job gets its token again, never a second epoch
        grants.values().forEach(epochs -> assertThat(epochs).containsOnly(1L));
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverCannotRecordATransition() {
        Plan plan = plan(1);
        String id = plan.jobs().get(0).id();
        StateBackend slow = worker(plan);
        StateBackend other = worker(plan);
        ClaimToken stale = slow.claim(id, LEASE).token();
        assertThat(other.claim(id, LEASE).outcome()).isEqualTo(ClaimResult.Outcome.HELD_ELSEWHERE);

        clock.advance(LEASE.plusSeconds(1));
        ClaimResult takeover = other.claim(id, LEASE);

        assertThat(takeover.isClaimed()).isTrue();
        assertThat(takeover.token().epoch()).isGreaterThan(stale.epoch());
        Instant at = clock.instant();
        assertThatThrownBy(() -> slow.stepStarted(stale, "compile", at)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> slow.stepFinished(stale, new StepState("compile", Status.FAILED, 1, at, at, "x")))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> slow.heartbeat(stale, LEASE)).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> slow.openLog(stale, "compile")).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> slow.jobFinished(stale, Status.FAILED, at, "late"))
                .isInstanceOf(LeaseLostException.class);
        assertThat(other.read().job(id).status()).isEqualTo(Status.RUNNING);

        other.jobFinished(takeover.token(), Status.SUCCEEDED, at, null);
        assertThat(slow.read().job(id).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(slow.read().job(id).error()).isNull();
    }

    @Test
    void aLeaseKeptAliveByHeartbeatsIsNotTakenOverButAnExpiredOneIs() {
        Plan plan = plan(1);
        String id = plan.jobs().get(0).id();
        StateBackend holder = worker(plan);
        StateBackend other = worker(plan);
        ClaimToken token = holder.claim(id, LEASE).token();

        clock.advance(LEASE.minusSeconds(10));
        holder.heartbeat(token, LEASE);
        clock.advance(Duration.ofSeconds(30));
        assertThat(other.claim(id, LEASE).outcome()).isEqualTo(ClaimResult.Outcome.HELD_ELSEWHERE);

        clock.advance(LEASE);
        ClaimResult takeover = other.claim(id, LEASE);
        assertThat(takeover.isClaimed()).isTrue();
        assertThat(other.read().job(id).attempts()).isEqualTo(2);
    }

    @Test
    void readJobsAnswersTheJobsAskedForInOrderWithPendingForUnrecordedOnes() {
        Plan plan = plan(3);
        String first = plan.jobs().get(0).id();
        String second = plan.jobs().get(1).id();
        String third = plan.jobs().get(2).id();
        StateBackend worker = worker(plan);
        ClaimToken token = worker.claim(first, LEASE).token();
        worker.jobFinished(token, Status.SUCCEEDED, clock.instant(), null);
        worker.claim(second, LEASE);

        Map<String, JobState> states = worker.readJobs(List.of(third, first, second));

        assertThat(states.keySet()).containsExactly(third, first, second);
        assertThat(states.get(first).status()).isEqualTo(Status.SUCCEEDED);
        assertThat(states.get(second).status()).isEqualTo(worker.read().job(second).status());
        assertThat(states.get(third).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void finishingAJobTwiceChangesNothingAndFinishedJobsAreNotClaimedAgain() {
        Plan plan = plan(1);
        String id = plan.jobs().get(0).id();
        StateBackend worker = worker(plan);
        ClaimToken token = worker.claim(id, LEASE).token();
        Instant end = clock.instant();

        worker.jobFinished(token, Status.SUCCEEDED, end, null);
        worker.jobFinished(token, Status.FAILED, end.plusSeconds(1), "again");

        JobState job = worker.read().job(id);
        assertThat(job.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(job.error()).isNull();
        assertThat(worker(plan).claim(id, LEASE)).isEqualTo(ClaimResult.alreadyDone(Status.SUCCEEDED));
        assertThat(worker.jobNotRun(id, Status.SKIPPED, end, "late skip")).isFalse();
    }

    @Test
    void aWaiterLearnsOfTheEndOfAJobHeldElsewhere() throws Exception {
        Plan plan = plan(1);
        String id = plan.jobs().get(0).id();
        StateBackend holder = worker(plan);
        StateBackend waiter = worker(plan);
        ClaimToken token = holder.claim(id, LEASE).token();
        assertThat(waiter.awaitJobs(List.of(id), Duration.ofMillis(100))).isEmpty();

        Thread finisher = new Thread(() -> {
            sleep(200);
            holder.jobFinished(token, Status.SUCCEEDED, clock.instant(), null);
        });
        finisher.start();
        Map<String, JobState> ready = waiter.awaitJobs(List.of(id), Duration.ofSeconds(20));
        finisher.join();

        assertThat(ready).containsKey(id);
        assertThat(waiter.claim(id, LEASE).outcome()).isEqualTo(ClaimResult.Outcome.ALREADY_DONE);
    }

    @Test
    void logsOfHostileIdsStayInsideTheRunAndNeverMix() throws Exception {
        List<String> ids = List.of("a@dev.x", "..@dev.x", "a/../../b@dev.x", "c@dev.%2e%2e", "é b@dev.x");
        List<Job> jobs = ids.stream().map(StateBackendContract::job).toList();
        Plan plan = plan(jobs);
        Optional<Path> root = storageRoot();
        List<Path> before = root.map(StateBackendContract::filesAround).orElse(List.of());
        StateBackend worker = worker(plan);
        for (String id : ids) {
            ClaimToken token = worker.claim(id, LEASE).token();
            for (String step : List.of("../../../escape", "/etc/passwd", "..", "a\\b", "step")) {
                try (OutputStream log = worker.openLog(token, step)) {
                    log.write((id + " " + step).getBytes(StandardCharsets.UTF_8));
                }
            }
            worker.jobFinished(token, Status.SUCCEEDED, clock.instant(), null);
        }
        if (root.isPresent()) {
            List<Path> after = filesAround(root.get());
            after.removeAll(before);
            assertThat(after).allMatch(file -> file.startsWith(root.get()));
            assertThat(after.stream().filter(file -> file.toString().endsWith(".log"))).hasSize(ids.size() * 5);
        }
    }

    private static List<Path> filesAround(Path root) {
        Path scope = root.getParent().getParent().getParent();
        try (Stream<Path> files = Files.walk(scope)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
