package dev.orun.runner.local;

import dev.orun.core.InvalidInputException;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Runs steps as local processes; see {@link LocalJobSession} and {@link ShellCommand}. */
final class LocalRunner implements Runner {

    /**
     * Set to {@code off} (environment variable, or the system property {@code orun.namespaces}) to
     * make isolation use the fallback staging even where namespaces work.
     */
    static final String NAMESPACES_SWITCH = "ORUN_NAMESPACES";

    private final Map<String, String> hostEnvironment;
    private final Executables programs;
    private final NamespaceSandbox sandbox;
    private Optional<String> overlayVerdict;

    LocalRunner(Map<String, String> hostEnvironment) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.programs = new Executables(this.hostEnvironment);
        this.sandbox = new NamespaceSandbox(programs);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String context() {
        return "local";
    }

    @Override
    public void checkAvailable() {
        if (programs.find("sh").isEmpty()) {
            throw new InvalidInputException("local runner: no sh found on PATH ("
                    + programs.searchPath() + ")");
        }
    }

    /** Decided once per run: switched off, not Linux, no {@code unshare}, or the probe fails. */
    @Override
    public synchronized Optional<String> overlayUnavailableReason(Path scratch) {
        if (overlayVerdict == null) {
            overlayVerdict = decideOverlay(scratch);
        }
        return overlayVerdict;
    }

    private Optional<String> decideOverlay(Path scratch) {
        String switched = hostEnvironment.getOrDefault(NAMESPACES_SWITCH,
                System.getProperty("orun.namespaces", ""));
        if (switched.trim().toLowerCase(Locale.ROOT).matches("off|0|false|no")) {
            return Optional.of("namespaces are switched off (" + NAMESPACES_SWITCH + "=" + switched + ")");
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.of("mount namespaces need Linux");
        }
        if (programs.find("unshare").isEmpty()) {
            return Optional.of("unshare (util-linux) is not on PATH");
        }
        return sandbox.probe(scratch, hostEnvironment);
    }

    @Override
    public List<String> describe(JobContext job) {
        List<String> lines = new ArrayList<>();
        lines.add("runner: local (host shell; each step's process tree is tracked and stopped "
                + "with it)");
        if (job.overlay() != null) {
            lines.add("sandbox: own user, mount and PID namespaces; " + job.overlay().root()
                    + " overlaid (writes go to " + job.overlay().upper() + "), "
                    + String.join(", ", job.overlay().hidden().stream().map(Path::toString).toList())
                    + " hidden");
        }
        return lines;
    }

    @Override
    public JobSession startJob(JobContext job) {
        return new LocalJobSession(job, hostEnvironment, programs, sandbox);
    }
}
