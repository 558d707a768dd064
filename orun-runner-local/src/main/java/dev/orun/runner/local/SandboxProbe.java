package dev.orun.runner.local;

import dev.orun.core.runner.WorkspaceOverlay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries a {@link StepSandbox} once on a throw-away tree: a step must write through the overlay
 * (into the upper directory, not the tree), fail to write into the hidden directory and to unmount
 * it, and run as the caller's uid.
 */
final class SandboxProbe {

    private static final long PROBE_MILLIS = 20_000;

    private SandboxProbe() {
    }

    static Optional<String> run(StepSandbox sandbox, Path scratch, String shell, String uid) {
        Path base = null;
        RunningStep step = null;
        try {
            base = Files.createTempDirectory(scratch, ".orun-probe-");
            Path lower = Files.createDirectories(base.resolve("lower"));
            Path hidden = Files.createDirectories(lower.resolve(".orun"));
            Path upper = Files.createDirectories(base.resolve("upper"));
            Path work = Files.createDirectories(base.resolve("work"));
            Files.writeString(lower.resolve("probe"), "lower");
            String check = "echo upper > probe && ! touch .orun/x 2>/dev/null && [ \"$(id -u)\" = "
                    + uid + " ] && ! umount .orun 2>/dev/null";
            step = sandbox.start(List.of(shell, "-c", check), lower,
                    new WorkspaceOverlay(lower, upper, work, List.of(hidden)),
                    Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                            ProcessTrees.TRACKING_VARIABLE, ProcessTrees.newTrackingId()));
            if (!step.waitFor(PROBE_MILLIS)) {
                step.destroyTree();
                return Optional.of("the namespace probe did not finish");
            }
            byte[] output = readAll(step);
            boolean wrote = Files.exists(upper.resolve("probe"))
                    && Files.readString(lower.resolve("probe")).equals("lower");
            if (step.exitValue() == 0 && wrote) {
                return Optional.empty();
            }
            String said = new String(output, StandardCharsets.UTF_8).strip();
            int newline = said.indexOf('\n');
            return Optional.of("user and mount namespaces with an overlay are not available here"
                    + (said.isEmpty() ? "" : " (" + (newline < 0 ? said : said.substring(0, newline)) + ")"));
        } catch (IOException e) {
            return Optional.of("cannot try namespaces here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying namespaces");
        } finally {
            if (step != null) {
                step.release();
            }
            if (base != null) {
                Trees.deleteQuietly(base);
            }
        }
    }

    /** The output, or nothing when it does not arrive in time (a setup that failed before connecting). */
    private static byte[] readAll(RunningStep step) throws InterruptedException {
        var reader = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (InputStream in = step.output()) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new byte[0];
            }
        });
        try {
            return reader.get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new byte[0];
        }
    }
}
