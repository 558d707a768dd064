package dev.orun.plan.internal.compile;

import dev.orun.core.plan.PlanSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@code git} command line, for the repository layouts JGit cannot read (linked worktrees). */
final class GitCli {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(GitCli.class.getName());

    private GitCli() {
    }

    static PlanSource source(Path root) {
        String head = run(root, "rev-parse", "--verify", "HEAD");
        if (head == null || !head.matches("[0-9a-f]{40,64}")) {
            return null;
        }
        String status = run(root, "status", "--porcelain", "--untracked-files=no", "--", ".");
        return status == null ? null : new PlanSource(head, !status.isEmpty());
    }

    private static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        return output(command, TIMEOUT);
    }

    /** The command's stdout, stripped; null when it cannot start, fails or outlives the timeout. */
    static String output(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot start git", e);
            return null;
        }
        // read while waiting, so a git that hangs (a lock, a prompt) is stopped at the deadline
        // instead of blocking the read forever
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try (var in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.DEBUG, () -> String.join(" ", command)
                        + ": no answer within " + timeout + "; stopped");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return null;
            }
            String out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != 0) {
                LOG.log(System.Logger.Level.DEBUG, () -> String.join(" ", command) + ": exit "
                        + process.exitValue());
                return null;
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.DEBUG, "reading git's output", e);
            process.destroyForcibly();
            return null;
        }
    }
}
