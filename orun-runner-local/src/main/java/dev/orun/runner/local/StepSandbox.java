package dev.orun.runner.local;

import dev.orun.core.runner.WorkspaceOverlay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One way of running a step inside its job's {@link WorkspaceOverlay} with namespaces of its own.
 * The local runner tries its strategies in order once per run ({@link #probe}) and keeps the first
 * that works here: the {@link HelperSandbox} (one helper process per run that sets each step up with
 * system calls) where {@code perl} is installed, else the {@link NamespaceSandbox} (a chain of
 * {@code unshare}, {@code sh} and {@code mount} per step). See
 * {@code docs/decisions/isolation-namespaces.md}. Used from the job threads at once.
 */
interface StepSandbox extends AutoCloseable {

    /** How steps are isolated, for {@code --dry-run} and the run's header. */
    String mechanism();

    /**
     * Tries the whole mechanism once on a throw-away tree under {@code scratch}: empty when it
     * works here, else why not.
     */
    Optional<String> probe(Path scratch);

    /**
     * Starts {@code command} in {@code directory} (which may exist only in the overlay) inside the
     * overlay, with exactly {@code environment}.
     */
    RunningStep start(List<String> command, Path directory, WorkspaceOverlay overlay,
                      Map<String, String> environment) throws IOException;

    @Override
    void close();
}
