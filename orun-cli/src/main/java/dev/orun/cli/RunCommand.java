package dev.orun.cli;

import dev.orun.cli.render.DryRunRenderer;
import dev.orun.cli.render.JsonRenderer;
import dev.orun.cli.render.ProgressRenderer;
import dev.orun.cli.render.SummaryRenderer;
import dev.orun.cli.render.Terminal;
import dev.orun.core.InvalidInputException;
import dev.orun.core.event.ProgressListener;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.Isolation;
import dev.orun.exec.Orun;
import dev.orun.exec.OrunRun;
import dev.orun.plan.PlanSelector;
import dev.orun.exec.RunOptions;
import dev.orun.exec.RunnerSelection;
import dev.orun.exec.records.ExecIds;
import dev.orun.plan.changes.ChangeRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code orun run}: parses flags, asks the library to select and execute the plan, renders. */
@Command(name = "run", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Execute the jobs of a plan (a fresh one from intent.yaml by default).",
                "REF: a saved plan name, a checksum prefix, a plan file, or a component name "
                        + "(a fresh plan scoped to it and its dependencies)."})
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "REF", description = "component or plan (name, checksum prefix, file)")
    String reference;

    @Option(names = "--dry-run", description = "Preview what would run without executing")
    boolean dryRun;

    @Option(names = "--verbose", description = "Stream full step output instead of the compact summary")
    boolean verbose;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Run every job in DIR (disables isolation)")
    Path workdir;

    @Option(names = "--job", paramLabel = "ID", description = "Run only this job (exact id or unique prefix)")
    String job;

    @Option(names = "--job-id", paramLabel = "ID", description = "Deprecated alias for --job")
    String jobId;

    @Option(names = "--retry", description = "Clear the recorded state of --job before running it")
    boolean retry;

    @Option(names = "--runner", paramLabel = "NAME", description = "Execution backend: local, docker, github-actions, or a plugin's name")
    String runner;

    @Option(names = "--gha", description = "Shortcut for --runner github-actions")
    boolean gha;

    @picocli.CommandLine.Mixin
    RunnerOptionFlags runnerFlags = new RunnerOptionFlags();

    @Option(names = "--exec-id", paramLabel = "ID", description = "Execution id, for resume or CI tracking (default: $ORUN_EXEC_ID, else generated)")
    String execId;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "0", description = "Job slots (0 = the plan's value)")
    int concurrency;

    @Option(names = "--component-concurrency", paramLabel = "N", defaultValue = "1", description = "Components with jobs in flight at once (default 1; 0 = unlimited)")
    int componentConcurrency;

    @Option(names = "--component", paramLabel = "NAME", split = ",", description = "Only jobs of this component (repeatable)")
    List<String> components = new ArrayList<>();

    @Option(names = {"--env", "-e"}, paramLabel = "ENV", split = ",", description = "Only jobs of this environment (repeatable)")
    List<String> environments = new ArrayList<>();

    @Option(names = "--all", description = "Do not scope to the component of the current directory")
    boolean all;

    @Option(names = "--json", description = "Print one JSON document with the outcome on stdout")
    boolean json;

    @Option(names = "--isolation", paramLabel = "MODE", defaultValue = "auto", description = "Per-job workspaces: auto (when concurrency > 1), workspace, none")
    String isolation;

    @Option(names = "--keep-workspaces", description = "Keep per-job staged workspaces after the run")
    boolean keepWorkspaces;

    @Option(names = "--background", description = "Run detached; follow with orun status --watch")
    boolean background;

    @Option(names = {"--plan", "-p"}, paramLabel = "REF", description = "Deprecated: pass the plan reference as an argument")
    String planFlag;

    @picocli.CommandLine.Mixin
    WorkspaceOptions workspaceOptions;

    @Option(names = "--remote-state", description = "Coordinate through an orun backend (not available yet)")
    boolean remoteState;

    @Option(names = "--backend-url", paramLabel = "URL", description = "orun backend URL for remote state (not available yet)")
    String backendUrl;

    @Option(names = "--artifact", paramLabel = "KIND", description = "Upload each job's shard (plan, state, logs) as an artifact: github (needs ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN)")
    String artifact;

    @picocli.CommandLine.Mixin
    ChangeOptions changes = new ChangeOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        validateFlags();
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        String selectedJob = job != null ? job : jobId;
        PlanSelector.Selection selection = new PlanSelector().select(new PlanSelector.Request(
                reference, planFlag, WorkspaceOptions.cwd(), workspaceOptions.intent, components,
                environments, all, selectedJob, changeRequest()));
        selection.warnings().forEach(err::println);
        if (!json) {
            selection.notes().forEach(err::println);
        }
        var stateSettings = selection.plan().execution().state();
        if (stateSettings != null && "remote".equalsIgnoreCase(stateSettings.mode())) {
            throw new InvalidInputException("the plan asks for remote state (execution.state.mode: "
                    + "remote), which is not available in this build yet");
        }
        String runnerName = RunnerSelection.resolve(gha, runner, environment, selection.plan());
        RunOptions options = RunOptions.defaults()
                .withExecId(execId != null ? execId : blankToNull(environment.get("ORUN_EXEC_ID")))
                .withRunner(runnerName)
                .withConcurrency(concurrency)
                .withComponentConcurrency(componentConcurrency)
                .withIsolation(Isolation.parse(isolation), keepWorkspaces)
                .withWorkdir(workdir == null ? null : workdir.toAbsolutePath())
                .withRetryJob(retry ? selection.jobIds().get(0) : null)
                .withTrigger(trigger())
                .withRunnerOptions(runnerFlags.toMap());
        if (selection.jobIds().isEmpty()) {
            out.println(json ? "{\"status\":\"succeeded\",\"jobs\":[]}" : "✓ no jobs to run");
            return 0;
        }
        if (background) {
            return launchInBackground(selection, options.execId());
        }
        Terminal terminal = Terminal.detect(environment, System.console() != null);
        OrunRun run = Orun.runner(selection.workspaceRoot()).plan(selection.plan())
                .select(selection.jobIds()).options(options);
        if (dryRun) {
            if (json) {
                new JsonRenderer(out).render(run.dryRun());
            } else {
                new DryRunRenderer(out, terminal).render(run.dryRun());
            }
            return 0;
        }
        return execute(run, out, err, terminal, selection.workspaceRoot().resolve(".orun"));
    }

    private int execute(OrunRun run, PrintStream out, PrintStream err, Terminal terminal,
                        Path orunDir) {
        ProgressRenderer progress = json ? null
                : new ProgressRenderer(out, terminal, verbose, componentConcurrency);
        ProgressListener listener = progress == null ? ProgressListener.none() : progress;
        if ("github".equals(artifact)) {
            listener = new ArtifactPublisher(listener, orunDir, environment, err);
        }
        run.listener(listener);
        CountDownLatch rendered = new CountDownLatch(1);
        Thread onSigint = new Thread(() -> {
            run.cancel();
            try {
                run.awaitEnd();
                rendered.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "orun-interrupt");
        Runtime.getRuntime().addShutdownHook(onSigint);
        ExecutionResult result;
        try {
            result = run.run();
            if (progress != null) {
                progress.close();
            }
            if (json) {
                new JsonRenderer(out).render(result);
            } else {
                new SummaryRenderer(out, terminal).render(result);
            }
        } finally {
            rendered.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSigint);
            } catch (IllegalStateException shuttingDown) {
                // SIGINT: the hook is running and the JVM exits with 130 once it returns
            }
        }
        return result.exitCode();
    }

    private void validateFlags() {
        if (remoteState || backendUrl != null
                || "true".equalsIgnoreCase(environment.getOrDefault("ORUN_REMOTE_STATE", ""))) {
            throw new InvalidInputException("--remote-state/--backend-url: remote state is not "
                    + "available in this build yet");
        }
        if (artifact != null && !artifact.equals("github")) {
            throw new InvalidInputException("--artifact: unknown backend \"" + artifact
                    + "\" (available: github)");
        }
        if (job != null && jobId != null && !job.equals(jobId)) {
            throw new InvalidInputException("--job and --job-id (its deprecated alias) disagree");
        }
        if (jobId != null) {
            spec.commandLine().getErr().println("warning: --job-id is deprecated; use --job");
        }
        if (retry && job == null && jobId == null) {
            throw new InvalidInputException("--retry requires --job");
        }
        if (background && dryRun) {
            throw new InvalidInputException("--background cannot be combined with --dry-run");
        }
        if (concurrency < 0) {
            throw new InvalidInputException("--concurrency must be 0 (the plan's value) or positive, got "
                    + concurrency);
        }
        if (componentConcurrency < 0) {
            throw new InvalidInputException("--component-concurrency must be 0 (unlimited) or positive, got "
                    + componentConcurrency);
        }
        Isolation.parse(isolation);
        RunnerSelection.resolve(gha, runner, Map.of(), null);
    }

    /**
     * Re-runs this very command line detached (minus --background, exec id pinned) and returns at
     * once; the child generates the same plan again and records into the same execution.
     */
    private int launchInBackground(PlanSelector.Selection selection, String requestedExecId) {
        String id = requestedExecId != null ? ExecIds.validate(requestedExecId)
                : ExecIds.generate(selection.plan().metadata().name());
        List<String> originalArgs = spec.root().commandLine().getParseResult().originalArgs();
        new BackgroundLauncher(selection.workspaceRoot().resolve(".orun")).launch(
                new BackgroundLauncher.Request(BackgroundLauncher.javaCommand(Main.class), originalArgs, id,
                        Path.of("").toAbsolutePath()),
                spec.commandLine().getOut());
        return 0;
    }

    private ChangeRequest changeRequest() {
        return changes.toRequest();
    }

    private String trigger() {
        if (environment.containsKey(BackgroundLauncher.CHILD_MARKER)) {
            return "background";
        }
        return "true".equalsIgnoreCase(environment.getOrDefault("GITHUB_ACTIONS", ""))
                || environment.containsKey("CI") ? "ci" : "manual";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
