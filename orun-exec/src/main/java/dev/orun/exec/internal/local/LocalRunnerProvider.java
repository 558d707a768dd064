package dev.orun.exec.internal.local;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;

/** The {@code local} runner: steps run as processes on this machine, on top of the host environment. */
public final class LocalRunnerProvider implements RunnerProvider {

    /**
     * Starting a process is the dominant per-step cost. On Linux the JDK's default launch
     * mechanism execs a helper first; vfork halves the cost of each step. The property is read once,
     * when the JDK first starts a process, so the CLI sets it at start-up through
     * {@link #preferFastSpawn()}; an embedder may set it itself.
     */
    public static void preferFastSpawn() {
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null
                && Runtime.version().feature() < 21
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "each step with the host's shell, in the job's directory";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new LocalRunner(settings.hostEnvironment());
    }
}
