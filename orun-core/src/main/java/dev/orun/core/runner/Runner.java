package dev.orun.core.runner;

import java.util.List;

/**
 * Executes the steps of jobs.
 *
 * <p><b>Implemented by</b> a runner backend (the local and Docker runners, a plugin), created by
 * its {@link RunnerProvider} — or by an embedder, who may hand an instance to the run directly.
 * <b>Called by</b> the engine ({@code orun-exec}): {@link #checkAvailable()} once before any job
 * starts, {@link #describe} for {@code --dry-run}, then {@link #startJob(JobContext)} for each job,
 * every step through the returned {@link JobSession}, and {@link #close()} once the run ends.
 * <b>Threads:</b> {@code checkAvailable}, {@code describe} and {@code close} are called from the
 * thread that runs the execution; {@code startJob} from the job threads, several at once (one per
 * running job), so a runner must be thread-safe. A session is used by its job's thread only.
 *
 * <p>Cancellation is by thread interruption: when the engine interrupts the thread inside
 * {@link JobSession#runStep}, the runner must stop everything the step started (the whole process
 * tree, or the container's process) and throw {@link InterruptedException}.
 */
public interface Runner extends AutoCloseable {

    /** The runner's name, as in {@code ORUN_RUNNER}. */
    String name();

    /** The value steps see in {@code ORUN_CONTEXT}: {@code local}, {@code container} or {@code ci}. */
    String context();

    /**
     * Fails with an {@link dev.orun.core.OrunException} (exit code 2) when the runner cannot work
     * here, saying what was tried, before any job starts.
     */
    default void checkAvailable() {
    }

    /**
     * Whether the runner runs {@code use:} steps (GitHub Actions). The engine refuses, before any
     * job starts, a plan with such steps on a runner that does not.
     */
    default boolean runsActions() {
        return false;
    }

    /**
     * Whether the runner evaluates step {@code if:} conditions. The engine refuses, before any job
     * starts, a plan with conditional steps on a runner that does not, rather than run them
     * unconditionally.
     */
    default boolean evaluatesConditions() {
        return false;
    }

    /**
     * Checks the jobs about to run before any starts (an action that cannot be found, say);
     * fails with an {@link dev.orun.core.InvalidInputException} naming the job and step.
     * Called once, on the engine's thread, after {@link #checkAvailable()}.
     */
    default void checkJobs(java.util.List<dev.orun.core.plan.Job> jobs, java.nio.file.Path workspace) {
    }

    /** Lines describing how a job would run, for {@code --dry-run}; must not contact anything. */
    default List<String> describe(JobContext job) {
        return List.of();
    }

    /**
     * Whether jobs can run in a {@link WorkspaceOverlay} here: empty when they can, else a one-line
     * reason. Called by the engine once per run, before any job starts and only when isolation is
     * on; {@code scratch} is an empty directory on the file system the upper directories will be
     * on, which the runner may use to try (and must leave as it found it). Runners that do not
     * override this never receive an overlay.
     */
    default java.util.Optional<String> overlayUnavailableReason(java.nio.file.Path scratch) {
        return java.util.Optional.of("the " + name() + " runner cannot mount a workspace overlay");
    }

    JobSession startJob(JobContext job) throws InterruptedException;

    @Override
    default void close() {
    }
}
