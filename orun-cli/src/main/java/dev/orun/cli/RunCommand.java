package dev.orun.cli;

import dev.orun.cli.render.DryRunRenderer;
import dev.orun.cli.render.JsonRenderer;
import dev.orun.cli.render.ProgressRenderer;
import dev.orun.cli.render.SummaryRenderer;
import dev.orun.cli.render.Terminal;
import dev.orun.core.InvalidInputException;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.Isolation;
import dev.orun.exec.Orun;
import dev.orun.exec.RemoteStateRequest;
import dev.orun.exec.OrunRun;
import dev.orun.plan.PlanSelector;
import dev.orun.exec.RunOptions;
import dev.orun.exec.RunnerSelection;
import dev.orun.core.plan.PlanJson;
import dev.orun.exec.records.ExecIds;
import dev.orun.plan.changes.ChangeRequest;
import dev.orun.core.state.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
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

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    /** Preview or detach: one or the other (or neither). */
    static final class Mode {
        @Option(names = "--dry-run", description = "Preview what would run without executing")
        boolean dryRun;

        @Option(names = "--background", description = "Run detached; follow with orun status --watch")
        boolean background;
    }

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

    @ArgGroup(exclusive = true)
    RunnerChoice runnerChoice = new RunnerChoice();

    /** {@code --gha} is a name for {@code --runner github-actions}: give one of them. */
    static final class RunnerChoice {
        @Option(names = "--runner", paramLabel = "NAME", description = "Execution backend: local, docker, github-actions, or a plugin's name")
        String runner;

        @Option(names = "--gha", description = "Shortcut for --runner github-actions")
        boolean gha;
    }

    @picocli.CommandLine.Mixin
    RunnerOptionFlags runnerFlags = new RunnerOptionFlags();

    @Option(names = "--exec-id", paramLabel = "ID", defaultValue = "${env:ORUN_EXEC_ID}",
            description = "Execution id, for resume or CI tracking (default: $ORUN_EXEC_ID, else generated)")
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
    Isolation isolation;

    @Option(names = "--keep-workspaces", description = "Keep per-job staged workspaces after the run")
    boolean keepWorkspaces;

    @Option(names = {"--plan", "-p"}, paramLabel = "REF", description = "Deprecated: pass the plan reference as an argument")
    String planFlag;

    @picocli.CommandLine.Mixin
    WorkspaceOptions workspaceOptions;

    @Option(names = "--remote-state", description = "Coordinate the run through an orun backend (also $ORUN_REMOTE_STATE=true)")
    boolean remoteState;

    @Option(names = "--backend-url", paramLabel = "URL", description = "orun backend URL for remote state (default: $ORUN_BACKEND_URL, else intent execution.state.backendUrl)")
    String backendUrl;

    @Option(names = "--secrets-file", paramLabel = "FILE", defaultValue = "${env:ORUN_SECRETS_FILE}",
            description = "NAME=value lines with the jobs' secrets (default: $ORUN_SECRETS_FILE); ORUN_SECRET_<KEY> variables are used too")
    Path secretsFile;

    @Option(names = "--artifact", paramLabel = "KIND", description = "Upload each job's shard (plan, state, logs) as an artifact: github (needs ACTIONS_RESULTS_URL, ACTIONS_RUNTIME_TOKEN)")
    String artifact;

    @picocli.CommandLine.Mixin
    ChangeOptions changes = new ChangeOptions();

    @picocli.CommandLine.Mixin
    StrictOption strictOption = new StrictOption();

    @picocli.CommandLine.Mixin
    TriggerOptions triggerOptions = new TriggerOptions();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private final CliEnvironment environment;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        validateFlags();
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true,
                java.nio.charset.StandardCharsets.UTF_8);
        String selectedJob = job != null ? job : jobId;
        PlanSelector.SelectedPlan selection = new PlanSelector(workspaceOptions.plannerEnvironment(environment.variables())).select(new PlanSelector.Request(
                reference, planFlag, WorkspaceOptions.cwd(), workspaceOptions.intent(), components,
                environments, all, selectedJob, changeRequest(), triggerOptions.toRequest(environment.variables())));
        selection.warnings().forEach(err::println);
        java.io.PrintWriter errWriter = spec.commandLine().getErr();
        if (strictOption.refuses(selection.planWarnings(), errWriter)) {
            return dev.orun.core.OrunException.EXIT_INVALID;
        }
        if (!json) {
            selection.notes().forEach(err::println);
        }
        java.util.Optional<java.util.Map<String, String>> remote = RemoteStateRequest.resolve(remoteState,
                backendUrl, environment.variables(), selection.plan(), () -> savedBackendUrl(environment));
        String runnerName = RunnerSelection.resolve(runnerChoice.gha, runnerChoice.runner,
                environment.variables(), selection.plan());
        String pinnedExecId = blankToNull(execId);
        if (pinnedExecId == null && remote.isPresent()) {
            pinnedExecId = RemoteStateRequest.deriveExecId(PlanJson.withChecksum(selection.plan()).checksumHex(),
                    environment.variables());
        } else if (pinnedExecId == null && selectedJob != null && !mode.background) {
            pinnedExecId = latestRunOfPlan(selection, err);
        }
        RunOptions options = RunOptions.defaults()
                .withExecId(pinnedExecId)
                .withRunner(runnerName)
                .withConcurrency(concurrency)
                .withComponentConcurrency(componentConcurrency)
                .withIsolation(isolation, keepWorkspaces)
                .withWorkdir(workdir == null ? null : workdir.toAbsolutePath())
                .withRetryJob(retry ? selection.jobIds().get(0) : null)
                .withTrigger(trigger())
                .withRunnerOptions(runnerFlags.toMap())
                .withHostEnvironment(environment.variables());
        if (selection.jobIds().isEmpty()) {
            if (json) { // the same document as any run's, so a script needs one shape; nothing is recorded
                String id = options.execId() != null ? options.execId()
                        : ExecIds.generate(selection.plan().metadata().name());
                new JsonRenderer(out).render(new ExecutionResult(id, PlanJson.withChecksum(selection.plan())
                        .metadata().checksum(), selection.plan().metadata().name(), runnerName, 0,
                        Status.SUCCEEDED, Duration.ZERO, List.of()));
            } else {
                out.println("✓ no jobs to run");
            }
            return 0;
        }
        if (mode.background) {
            return launchInBackground(selection, options.execId(),
                    FollowUpFlags.of(remote, environment.variables(), () -> savedBackendUrl(environment)));
        }
        Terminal terminal = Terminal.detect(environment.variables(), environment.interactive(),
                environment.ansi());
        OrunRun run = Orun.run(selection.workspaceRoot()).plan(selection.plan())
                .select(selection.jobIds()).options(options)
                .secretsFile(secretsFile == null ? null : WorkspaceOptions.cwd().resolve(secretsFile));
        remote.ifPresent(backendOptions -> run.state(RemoteStateRequest.BACKEND, backendOptions));
        if (mode.dryRun) {
            if (json) {
                new JsonRenderer(out).render(run.dryRun(), options.execId());
            } else {
                new DryRunRenderer(out, terminal).render(run.dryRun());
            }
            return 0;
        }
        return execute(run, out, err, terminal, selection,
                FollowUpFlags.of(remote, environment.variables(), () -> savedBackendUrl(environment)));
    }

    private int execute(OrunRun run, PrintStream out, PrintStream err, Terminal terminal,
                        PlanSelector.SelectedPlan selection, String followUpFlags) {
        ProgressRenderer progress = json ? null
                : new ProgressRenderer(out, terminal, verbose, componentConcurrency);
        ProgressListener shown = progress == null ? ProgressListener.none() : progress;
        ProgressListener render = "github".equals(artifact) ? new ArtifactPublisher(shown,
                selection.plan(), selection.workspaceRoot().resolve(".orun"), environment.variables(), err) : shown;
        run.listener(event -> {
            if (event instanceof ProgressEvent.RunStarted) {
                // once the run really starts, so that the plan id in its header resolves
                new PlanSelector().saveFresh(selection, workspaceOptions.intent());
            }
            render.onEvent(event);
        });
        CountDownLatch rendered = new CountDownLatch(1);
        Thread onSigint = new Thread(() -> {
            run.cancel();
            try {
                // bounded: Ctrl-C ends orun within its grace period whatever state the records are in
                if (run.awaitEnd(java.time.Duration.ofSeconds(20))) {
                    rendered.await(10, TimeUnit.SECONDS);
                }
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
                SummaryRenderer summary = new SummaryRenderer(out, terminal, followUpFlags);
                summary.render(result);
                if (keepWorkspaces) {
                    summary.kept(result);
                }
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
        if (concurrency < 0) {
            throw new InvalidInputException("--concurrency must be 0 (the plan's value) or positive, got "
                    + concurrency);
        }
        if (componentConcurrency < 0) {
            throw new InvalidInputException("--component-concurrency must be 0 (unlimited) or positive, got "
                    + componentConcurrency);
        }
    }

    /**
     * Re-runs this very command line detached (minus --background, exec id pinned) and returns at
     * once; the child generates the same plan again and records into the same execution.
     */
    private int launchInBackground(PlanSelector.SelectedPlan selection, String requestedExecId,
                                   String followUpFlags) {
        String id = requestedExecId != null ? ExecIds.validate(requestedExecId)
                : ExecIds.generate(selection.plan().metadata().name());
        List<String> originalArgs = spec.root().commandLine().getParseResult().originalArgs();
        new BackgroundLauncher(selection.workspaceRoot().resolve(".orun")).launch(
                new BackgroundLauncher.Request(BackgroundLauncher.javaCommand(Main.class), originalArgs, id,
                        Path.of("").toAbsolutePath()),
                spec.commandLine().getOut(), followUpFlags);
        return 0;
    }

    /** {@code --job}/{@code --retry} without an exec id continue the latest run of the same plan. */
    private String latestRunOfPlan(PlanSelector.SelectedPlan selection, PrintStream err) {
        String checksum = PlanJson.withChecksum(selection.plan()).metadata().checksum();
        return RunLookup.latestOfPlan(RunLookup.records(selection.workspaceRoot().resolve(".orun")), checksum)
                .map(run -> {
                    if (!json) {
                        err.println("note: continuing execution " + run.execId()
                                + " (the latest run of this plan); pass --exec-id to choose another");
                    }
                    return run.execId();
                })
                .orElse(null);
    }

    private ChangeRequest changeRequest() {
        return changes.toRequest();
    }

    private String trigger() {
        if (environment.get(BackgroundLauncher.CHILD_MARKER) != null) {
            return "background";
        }
        return environment.ci() ? "ci" : "manual";
    }

    /** The backend `orun auth login` saved, the lowest-priority backend URL. */
    private static String savedBackendUrl(CliEnvironment environment) {
        return new dev.orun.remote.auth.OrunAuth(environment.variables(), java.time.Clock.systemUTC())
                .savedBackendUrl().orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
