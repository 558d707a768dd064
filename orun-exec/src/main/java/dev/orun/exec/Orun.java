package dev.orun.exec;

import java.nio.file.Path;

/**
 * The embedding API: execute a plan from Java without the command line.
 *
 * <pre>{@code
 * ExecutionResult result = Orun.run(workspaceRoot)
 *         .plan(plan)
 *         .options(RunOptions.defaults().withConcurrency(4))
 *         .listener(event -> log(event))
 *         .run();
 * }</pre>
 */
public final class Orun {

    private Orun() {
    }

    /**
     * A new run, to be configured and started, in the workspace whose root (the directory holding
     * {@code intent.yaml}) is given. Named for what it returns: one execution, not a
     * {@link dev.orun.core.runner.Runner}.
     */
    public static OrunRun run(Path workspaceRoot) {
        return new OrunRun(workspaceRoot);
    }

    /**
     * Makes the JDK start step processes the cheaper way where that is safe (vfork on Linux before
     * JDK 21). Starting a process is the dominant per-step cost of the local runner, and the JDK's
     * default mechanism execs a helper first. Call it early, before anything starts a process: the
     * JDK reads the setting once. An embedder may set {@code jdk.lang.Process.launchMechanism}
     * itself instead.
     */
    public static void preferFastProcessSpawn() {
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null
                && Runtime.version().feature() < 21
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }
}
