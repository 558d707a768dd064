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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-step cost of the local runner against a plain ProcessBuilder loop running the same
 * {@code sh -c true}, output drained in both. Rounds alternate so a busy machine hurts both alike.
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
        Map<String, String> env = System.getenv();
        Runner runner = Runners.find("local").create(new RunnerSettings(root, Map.of(), env));
        Optional<String> noOverlay = runner.overlayUnavailableReason(root.resolve(".orun/workspaces"));
        Step step = new Step("noop", null, null, 0, "true", null, null, null, null, null, null, 0, null, null);
        Job job = new Job("c@dev.build", "build", "c", "dev", "shell", "build", null, null, ".", List.of(),
                null, 0, Map.of(), Map.of(), Map.of(), List.of(step));
        JobSession plainSession = runner.startJob(new JobContext("bench", job, root, root, Map.of(), false));
        JobSession isolated = noOverlay.isPresent() ? null : runner.startJob(new JobContext("bench", job, root,
                root, Map.of(), false, new WorkspaceOverlay(root, upper, work, List.of(root.resolve(".orun")))));
        long pb = 0;
        long local = 0;
        long sandboxed = 0;
        for (int r = 0; r < rounds; r++) {
            pb += processBuilder(steps);
            local += runner(plainSession, step, root, steps);
            if (isolated != null) {
                sandboxed += runner(isolated, step, root, steps);
            }
        }
        int total = steps * rounds;
        double pbMs = pb / 1e6 / total;
        double localMs = local / 1e6 / total;
        System.out.printf("per step over %d steps (sh -c true):%n", total);
        System.out.printf("  ProcessBuilder loop          %.2f ms%n", pbMs);
        System.out.printf("  local runner                 %.2f ms  (+%.2f ms)%n", localMs, localMs - pbMs);
        if (isolated != null) {
            double sbMs = sandboxed / 1e6 / total;
            System.out.printf("  local runner, isolated       %.2f ms  (+%.2f ms: namespaces and mounts)%n", sbMs, sbMs - pbMs);
            System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("ratio local runner / ProcessBuilder: %.2f (isolated: %.2f)%n", localMs / pbMs, sbMs / pbMs);
        } else {
            System.out.println("  isolated: not measured (" + noOverlay.get() + ")");
            System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("ratio local runner / ProcessBuilder: %.2f%n", localMs / pbMs);
        }
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

    private static long runner(JobSession session, Step step, Path dir, int steps) throws Exception {
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
