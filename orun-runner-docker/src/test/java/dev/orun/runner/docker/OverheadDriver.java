package dev.orun.runner.docker;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark driver for bench/docker-overhead.sh until {@code orun run} exists: runs JOBS jobs of
 * STEPS {@code true} steps through the runner SPI, CONCURRENCY jobs at a time, like the engine
 * would, and prints the wall time in milliseconds.
 *
 * <p>Usage: {@code OverheadDriver IMAGE JOBS STEPS CONCURRENCY}
 */
public final class OverheadDriver {

    private OverheadDriver() {
    }

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int jobs = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        Path workspace = Files.createTempDirectory("orun-bench");
        long start = System.nanoTime();
        try (Runner runner = Runners.find("docker").create(new RunnerSettings(workspace,
                Map.of("image", image, "pull", "never"), System.getenv()))) {
            runner.checkAvailable();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<Integer>> results = new ArrayList<>();
            for (int j = 0; j < jobs; j++) {
                Job job = job(j, steps);
                results.add(pool.submit(() -> runJob(runner, workspace, job)));
            }
            int failed = 0;
            for (Future<Integer> result : results) {
                failed += result.get();
            }
            pool.shutdown();
            if (failed > 0) {
                throw new IllegalStateException(failed + " steps failed");
            }
        }
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }

    private static Job job(int index, int steps) {
        List<Step> list = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            list.add(new Step("s" + s, "s" + s, null, 0, "true", null, null, null, null, null, null, 0, null, null));
        }
        String id = "c" + index + "@bench.j";
        return new Job(id, "j", "c" + index, "bench", "shell", "j", null, null, ".", List.of(), null, 0,
                Map.of(), Map.of(), Map.of(), list);
    }

    private static int runJob(Runner runner, Path workspace, Job job) throws Exception {
        int failed = 0;
        JobContext context = new JobContext("bench", job, workspace, workspace, Map.of("ORUN_JOB_ID", job.id()), false);
        try (JobSession session = runner.startJob(context)) {
            for (Step step : job.steps()) {
                StepResult result = session.runStep(new StepRequest(step, workspace, context.environment(), null,
                        OutputStream.nullOutputStream()));
                failed += result.succeeded() ? 0 : 1;
            }
        }
        return failed;
    }
}
