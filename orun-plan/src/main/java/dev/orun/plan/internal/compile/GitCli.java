package dev.orun.plan.internal.compile;

import dev.orun.core.plan.PlanSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code git} command line, for the repository layouts JGit cannot read (linked worktrees). */
final class GitCli {

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
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
