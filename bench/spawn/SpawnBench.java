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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-step cost of the local runner against a plain ProcessBuilder loop running the same
 * {@code sh -c true}, output drained in both; with isolation, both sandbox strategies (the perl
 * helper and the unshare chain, ORUN_SANDBOX=unshare). Rounds alternate so a busy machine hurts
 * all alike.
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
        Runner helperRunner = runner(root, null);
        Runner chainRunner = runner(root, "unshare");
        Optional<String> noOverlay = helperRunner.overlayUnavailableReason(root.resolve(".orun/workspaces"));
        chainRunner.overlayUnavailableReason(root.resolve(".orun/workspaces"));
        JobSession plainSession = helperRunner.startJob(new JobContext("bench", job, root, root, Map.of(), false));
        JobSession helper = noOverlay.isPresent() ? null
                : helperRunner.startJob(new JobContext("bench", job, root, root, Map.of(), false, overlay));
        JobSession chain = noOverlay.isPresent() ? null
                : chainRunner.startJob(new JobContext("bench", job, root, root, Map.of(), false, overlay));
        long pb = 0;
        long local = 0;
        long helperNanos = 0;
        long chainNanos = 0;
        for (int r = 0; r < rounds; r++) {
            pb += processBuilder(steps);
            local += run(plainSession, step, root, steps);
            if (helper != null) {
                helperNanos += run(helper, step, root, steps);
                chainNanos += run(chain, step, root, steps);
            }
        }
        int total = steps * rounds;
        double pbMs = pb / 1e6 / total;
        double localMs = local / 1e6 / total;
        System.out.printf("per step over %d steps (sh -c true):%n", total);
        System.out.printf("  ProcessBuilder loop                    %.2f ms%n", pbMs);
        System.out.printf("  local runner                           %.2f ms  (+%.2f ms)%n", localMs, localMs - pbMs);
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        if (helper != null) {
            double helperMs = helperNanos / 1e6 / total;
            double chainMs = chainNanos / 1e6 / total;
            System.out.printf("  local runner, isolated (perl helper)   %.2f ms  (+%.2f ms)%n", helperMs, helperMs - pbMs);
            System.out.printf("  local runner, isolated (unshare chain) %.2f ms  (+%.2f ms)%n", chainMs, chainMs - pbMs);
            System.out.printf("load average: %s%n", load);
            System.out.printf("ratio to ProcessBuilder: local runner %.2f, isolated %.2f (perl helper), %.2f (unshare chain)%n",
                    localMs / pbMs, helperMs / pbMs, chainMs / pbMs);
        } else {
            System.out.println("  isolated: not measured (" + noOverlay.get() + ")");
            System.out.printf("load average: %s%n", load);
            System.out.printf("ratio local runner / ProcessBuilder: %.2f%n", localMs / pbMs);
        }
        helperRunner.close();
        chainRunner.close();
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
