package dev.orun.exec.records;

import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A separate JVM used by the claim tests: opens the run, waits for {@code go}, claims the job,
 * prints the outcome, then either holds the job until {@code release} exists and finishes it
 * ({@code hold}), or dies on the spot without recording anything ({@code crash}).
 */
public final class ClaimingProcess {

    public static void main(String[] args) throws Exception {
        Path orunDir = Path.of(args[0]);
        String execId = args[1];
        String jobId = args[2];
        String mode = args[3];
        Path signals = Path.of(args[4]);
        FileStateBackend backend = new FileStateBackend(orunDir, execId);
        backend.open(TestPlans.run(execId, TestPlans.plan("demo")));
        System.out.println("OPEN");
        System.out.flush();
        waitFor(signals.resolve("go"));
        ClaimResult result = backend.claim(jobId, Duration.ofMinutes(5));
        System.out.println("OUTCOME " + result.outcome());
        System.out.flush();
        if (mode.equals("crash")) {
            Runtime.getRuntime().halt(3);
        }
        if (result.isClaimed()) {
            waitFor(signals.resolve("release"));
            backend.jobFinished(result.token(), Status.SUCCEEDED, Instant.now(), null);
        }
        backend.close();
        System.out.println("DONE");
    }

    private static void waitFor(Path file) throws InterruptedException {
        while (!Files.exists(file)) {
            Thread.sleep(10);
        }
    }
}
