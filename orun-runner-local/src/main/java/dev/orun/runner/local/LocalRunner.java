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
    /**
     * Chooses the first sandbox strategy to try (environment variable, or the system property
     * {@code orun.sandbox}): {@code perl} skips the compiled helper, {@code unshare} skips both
     * helpers and sets each step up with {@code unshare}, {@code sh} and {@code mount}.
     */
    static final String SANDBOX_SWITCH = "ORUN_SANDBOX";

    private final Map<String, String> hostEnvironment;
    private final Executables programs;
    private Optional<String> overlayVerdict;
    private volatile StepSandbox sandbox;

    LocalRunner(Map<String, String> hostEnvironment) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
        this.programs = new Executables(this.hostEnvironment);
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
        List<String> refusals = new ArrayList<>();
        for (StepSandbox candidate : strategies()) {
            Optional<String> refused = candidate.probe(scratch);
            if (refused.isEmpty()) {
                sandbox = candidate;
                return Optional.empty();
            }
            candidate.close();
            refusals.add(refused.get());
        }
        if (refusals.isEmpty()) {
            return Optional.of("unshare (util-linux) is not on PATH");
        }
        return Optional.of(refusals.get(refusals.size() - 1));
    }

    /**
     * In order of preference: the compiled helper, the perl helper, the unshare chain (see
     * {@link StepSandbox}); {@link #SANDBOX_SWITCH} starts further down the list.
     */
    private List<StepSandbox> strategies() {
        NamespaceSandbox chain = programs.find("unshare").isPresent() ? new NamespaceSandbox(programs) : null;
        long uidNumber = NamespaceSandbox.currentId("uid");
        String uid = Long.toString(uidNumber);
        String gid = Long.toString(NamespaceSandbox.currentId("gid"));
        String shell = programs.resolve("sh");
        String chosen = hostEnvironment.getOrDefault(SANDBOX_SWITCH, System.getProperty("orun.sandbox", ""))
                .trim().toLowerCase(Locale.ROOT);
        List<HelperProgram> helpers = new ArrayList<>();
        if (!chosen.equals("perl") && !chosen.equals("unshare")) {
            helpers.add(new CompiledHelperProgram(programs, hostEnvironment,
                    CompiledHelperProgram.defaultDirectory(hostEnvironment), uidNumber));
        }
        if (!chosen.equals("unshare")) {
            PerlHelperProgram.forThisMachine(programs).ifPresent(helpers::add);
        }
        List<StepSandbox> strategies = new ArrayList<>();
        for (HelperProgram helper : helpers) {
            strategies.add(new HelperSandbox(helper, shell, uid, gid));
        }
        if (chain != null) {
            strategies.add(chain);
        }
        return strategies;
    }

    @Override
    public List<String> describe(JobContext job) {
        List<String> lines = new ArrayList<>();
        lines.add("runner: local (host shell; each step's process tree is tracked and stopped "
                + "with it)");
        if (job.overlay() != null) {
            lines.add("sandbox: own user, mount and PID namespaces (" + (sandbox == null ? "not probed"
                    : sandbox.mechanism()) + "); " + job.overlay().root()
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

    @Override
    public synchronized void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
