package dev.orun.exec.internal.isolation;

import dev.orun.exec.internal.records.PathSegments;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Removes the stages a run no longer needs from {@code .orun/workspaces/<exec-id>/}: those of jobs
 * recorded as ended (this run's, and those a killed run left behind for jobs finished since) and
 * recycled stages parked by processes that no longer exist. A stage of a job another process
 * sharing the exec id is still running is left alone (that job is not recorded as ended), and so
 * are names this code did not make.
 */
final class StageLeftovers {

    static final String PARKED_PREFIX = ".free-";

    private StageLeftovers() {
    }

    static void remove(Path stagesRoot, Predicate<String> finished) {
        if (!Files.isDirectory(stagesRoot)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(stagesRoot)) {
            for (Path entry : entries) {
                if (removable(entry.getFileName().toString(), finished)) {
                    try {
                        TreeOps.deleteTree(entry);
                    } catch (IOException e) {
                        // another process may be removing it at the same time
                    }
                }
            }
        } catch (IOException e) {
            return;
        }
        try {
            Files.deleteIfExists(stagesRoot);
            Files.deleteIfExists(stagesRoot.getParent());
        } catch (IOException e) {
            // not empty: another run's stages, or a running job's
        }
    }

    private static boolean removable(String name, Predicate<String> finished) {
        if (name.startsWith(PARKED_PREFIX)) {
            return parkedByDeadProcess(name);
        }
        Optional<String> jobId = PathSegments.decode(name);
        return jobId.isPresent() && finished.test(jobId.get());
    }

    /** A parked stage is named {@code .free-<pid>-<n>}; it is free to remove once that pid is gone. */
    private static boolean parkedByDeadProcess(String name) {
        String rest = name.substring(PARKED_PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return pid == ProcessHandle.current().pid()
                    || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
