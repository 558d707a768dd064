import dev.orun.core.plan.Job;
import dev.orun.core.plan.Step;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.runner.WorkspaceOverlay;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-step cost of the local runner against a plain ProcessBuilder loop running the same
 * {@code sh -c true}, output drained in both; with isolation, every sandbox strategy (the compiled
 * helper, the perl helper with ORUN_SANDBOX=perl, the unshare chain with ORUN_SANDBOX=unshare).
 * Rounds alternate so a busy machine hurts all alike.
 */
public final class SpawnBench {

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int rounds = 3;
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null && Runtime.version().feature() < 21) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK"); // as Orun.preferFastProcessSpawn
        }
        Path root = Files.createTempDirectory("orun-spawn");
        Path upper = Files.createDirectories(root.resolve(".orun/workspaces/bench/j/upper"));
        Path work = Files.createDirectories(root.resolve(".orun/workspaces/bench/j/work"));
        Step step = new Step("noop", null, null, 0, "true", null, null, null, null, null, null, 0, null, null);
        Job job = new Job("c@dev.build", "build", "c", "dev", "shell", "build", null, null, ".", List.of(),
                null, 0, Map.of(), Map.of(), Map.of(), List.of(step));
        WorkspaceOverlay overlay = new WorkspaceOverlay(root, upper, work, List.of(root.resolve(".orun")));
        Runner plainRunner = runner(root, null);
        JobSession plainSession = plainRunner.startJob(new JobContext("bench", job, root, root, Map.of(), false));
        Map<String, String> strategies = new LinkedHashMap<>();
        strategies.put("default", null);
        strategies.put("perl helper", "perl");
        strategies.put("unshare chain", "unshare");
        Map<String, Runner> runners = new LinkedHashMap<>();
        Map<String, JobSession> sessions = new LinkedHashMap<>();
        Map<String, Long> nanos = new LinkedHashMap<>();
        Optional<String> noOverlay = Optional.empty();
        for (Map.Entry<String, String> strategy : strategies.entrySet()) {
            Runner runner = runner(root, strategy.getValue());
            Optional<String> refused = runner.overlayUnavailableReason(root.resolve(".orun/workspaces"));
            runners.put(strategy.getKey(), runner);
            if (refused.isPresent()) {
                noOverlay = strategy.getValue() == null ? refused : noOverlay;
                continue;
            }
            JobContext context = new JobContext("bench", job, root, root, Map.of(), false, overlay);
            String mechanism = runner.describe(context).stream().filter(l -> l.startsWith("sandbox:"))
                    .map(l -> l.substring(l.indexOf('(') + 1, l.indexOf(')'))).findFirst().orElse(strategy.getKey());
            sessions.put(mechanism, runner.startJob(context));
            nanos.put(mechanism, 0L);
        }
        long pb = 0;
        long local = 0;
        for (int r = 0; r < rounds; r++) {
            pb += processBuilder(steps);
            local += run(plainSession, step, root, steps);
            for (Map.Entry<String, JobSession> session : sessions.entrySet()) {
                nanos.merge(session.getKey(), run(session.getValue(), step, root, steps), Long::sum);
            }
        }
        int total = steps * rounds;
        double pbMs = pb / 1e6 / total;
        double localMs = local / 1e6 / total;
        System.out.printf("per step over %d steps (sh -c true):%n", total);
        System.out.printf("  ProcessBuilder loop                              %.2f ms%n", pbMs);
        System.out.printf("  local runner                                     %.2f ms  (+%.2f ms)%n", localMs, localMs - pbMs);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder ratios = new StringBuilder();
        for (Map.Entry<String, Long> measured : nanos.entrySet()) {
            double ms = measured.getValue() / 1e6 / total;
            System.out.printf("  %-48s %.2f ms  (+%.2f ms)%n", "isolated (" + measured.getKey() + ")", ms, ms - pbMs);
            ratios.append(String.format(", isolated %.2f (%s)", ms / pbMs, measured.getKey()));
        }
        if (sessions.isEmpty()) {
            System.out.println("  isolated: not measured (" + noOverlay.orElse("no sandbox") + ")");
        }
        System.out.printf("load average: %s%n", load);
        System.out.printf("ratio to ProcessBuilder: local runner %.2f%s%n", localMs / pbMs, ratios);
        plainRunner.close();
        runners.values().forEach(Runner::close);
    }

    private static Runner runner(Path root, String sandbox) {
        Map<String, String> env = new HashMap<>(System.getenv());
        if (sandbox != null) {
            env.put("ORUN_SANDBOX", sandbox);
        }
        return Runners.find("local").create(new RunnerSettings(root, Map.of(), env));
    }

    private static long processBuilder(int steps) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            Process p = new ProcessBuilder("/bin/sh", "-c", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("sh failed");
            }
        }
        return System.nanoTime() - start;
    }

    private static long run(JobSession session, Step step, Path dir, int steps) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            StepResult result = session.runStep(new StepRequest(step, dir, Map.of("ORUN_STEP_ID", "noop"), null,
                    OutputStream.nullOutputStream()));
            if (!result.succeeded()) {
                throw new IllegalStateException("step failed: " + result);
            }
        }
        return System.nanoTime() - start;
    }
}
