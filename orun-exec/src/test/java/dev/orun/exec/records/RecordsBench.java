package dev.orun.exec.records;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (run by {@code bench/records-transitions.sh}, not by the test suite): the cost of one
 * state transition in runs of a small and a large number of jobs, so their ratio shows whether the
 * cost grows with the run. Each job: claim, two steps (start, log, finish), job end = 6 transitions.
 */
public final class RecordsBench {

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        measure(small, threads); // warm-up: JIT, file system caches
        double base = measure(small, threads);
        double big = measure(large, threads);
        System.out.printf("jobs=%d: %.1f us/transition (baseline)%n", small, base);
        System.out.printf("jobs=%d: %.1f us/transition%n", large, big);
        System.out.printf("ratio large/small per transition: %.2f (1.0 = independent of run size; %d = linear)%n",
                big / base, large / small);
    }

    private static double measure(int jobCount, int threads) throws Exception {
        Path workspace = Files.createTempDirectory("orun-records-bench");
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < jobCount; i++) {
            jobs.add(TestPlans.job(String.format("c%05d@dev.build", i), "compile", "test"));
        }
        Plan plan = TestPlans.plan("bench", jobs.toArray(Job[]::new));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long transitions = 6L * jobCount;
        long start;
        long elapsed;
        try (FileStateBackend backend = new FileStateBackend(workspace.resolve(".orun"), "bench-" + jobCount)) {
            backend.open(TestPlans.run("bench-" + jobCount, plan));
            start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (Job job : jobs) {
                done.add(pool.submit(() -> {
                    var token = backend.claim(job.id(), Duration.ofMinutes(5)).token();
                    for (String step : List.of("compile", "test")) {
                        backend.stepStarted(token, step, Instant.now());
                        try (OutputStream log = backend.openLog(token, step)) {
                            log.write("ok\n".getBytes());
                        }
                        backend.stepFinished(token, new StepState(step, Status.SUCCEEDED, 0, null, null, null));
                    }
                    backend.jobFinished(token, Status.SUCCEEDED, Instant.now(), null);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            elapsed = System.nanoTime() - start;
            long finishStart = System.nanoTime();
            backend.finish(Status.SUCCEEDED, Instant.now());
            System.out.printf("  jobs=%d transitions=%d total=%.2fs finish=%.0fms%n", jobCount, transitions,
                    elapsed / 1e9, (System.nanoTime() - finishStart) / 1e6);
        } finally {
            pool.shutdown();
            dev.orun.exec.internal.records.AtomicFiles.deleteTree(workspace);
        }
        return elapsed / 1e3 / transitions;
    }
}
