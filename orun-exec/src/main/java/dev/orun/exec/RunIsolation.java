package dev.orun.exec;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.runner.Runner;
import dev.orun.exec.internal.isolation.JobWorkspaces;
import dev.orun.exec.internal.isolation.OverlayStager;
import dev.orun.exec.internal.isolation.WorkspaceStager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How one run isolates its jobs: real isolation when the runner can mount an overlay here
 * (decided once per run), else the linked staging, whose weaker guarantees the note spells out.
 */
final class RunIsolation {

    private final Path workspaceRoot;
    private String fallbackReason;

    RunIsolation(Path workspaceRoot) {
        this.workspaceRoot = workspaceRoot;
    }

    /** The stager for a run whose stages live under {@code stagesRoot}. */
    JobWorkspaces workspaces(Runner runner, Path stagesRoot, boolean keep) {
        try {
            Files.createDirectories(stagesRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stagesRoot + ": " + e.getMessage(), e);
        }
        fallbackReason = runner.overlayUnavailableReason(stagesRoot).orElse(null);
        return stager(stagesRoot, keep);
    }

    /** The isolation note for {@code --dry-run}, probing in a temporary directory (nothing is written to the workspace). */
    String dryRunNote(Runner runner) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("orun-dry-run");
            fallbackReason = runner.overlayUnavailableReason(scratch).orElse(null);
        } catch (IOException e) {
            fallbackReason = "cannot try namespaces: " + e.getMessage();
        } finally {
            if (scratch != null) {
                try {
                    Files.deleteIfExists(scratch);
                } catch (IOException ignored) {
                    // an empty temporary directory
                }
            }
        }
        return note(stager(workspaceRoot.resolve(".orun/workspaces/dry-run"), false));
    }

    /** {@code listener}, telling it once after the run starts when isolation had to fall back. */
    ProgressListener noticeAfterStart(ProgressListener listener, JobWorkspaces stager) {
        if (fallbackReason == null) {
            return listener;
        }
        String note = note(stager);
        return event -> {
            listener.onEvent(event);
            if (event instanceof ProgressEvent.RunStarted) {
                listener.onEvent(new ProgressEvent.Notice(event.at(), note));
            }
        };
    }

    private JobWorkspaces stager(Path stagesRoot, boolean keep) {
        return fallbackReason == null ? new OverlayStager(workspaceRoot, stagesRoot, keep)
                : new WorkspaceStager(workspaceRoot, stagesRoot, keep);
    }

    /** How jobs are isolated and which guarantees hold. */
    private String note(JobWorkspaces stager) {
        return fallbackReason == null ? stager.describe() : stager.describe() + " (" + fallbackReason + ")";
    }
}
