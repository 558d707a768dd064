package dev.orun.cli;

import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.RunSummary;
import dev.orun.exec.records.StatusDocuments;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orun status}: one run's state (default the latest), live with {@code --watch}, or all runs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the state of a run (default: the latest), or list all runs.")
public final class StatusCommand implements Callable<Integer> {

    /** {@code --exit-status} on a run that has not ended (see docs/decisions/status-exit-codes.md). */
    static final int STILL_RUNNING = 3;

    private final CliEnvironment environment;

    StatusCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--exec-id", paramLabel = "ID", description = "The run to show (id or unique prefix).")
    String execId;

    @Option(names = "--json", description = "Print one JSON document: {execId, inProgress, metadata, state}; with --all, the list of runs.")
    boolean json;

    @Option(names = {"-w", "--watch"}, description = "Re-render until the run ends (plain lines when not a terminal).")
    boolean watch;

    @Option(names = "--exit-status", description = "Exit with the run's exit code: 0 succeeded, 1 failed, "
            + "130 interrupted, 3 still running (--watch always does).")
    boolean exitStatus;

    @Option(names = "--all", description = "List all runs, newest first.")
    boolean all;

    @Option(names = "--interval", paramLabel = "MILLIS", defaultValue = "1000",
            description = "Refresh interval for --watch, in milliseconds (default ${DEFAULT-VALUE}).")
    long intervalMillis;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Mixin
    RemoteReadOptions remote = new RemoteReadOptions();

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> env = environment.variables();
        execId = remote.execId(execId, env);
        Path orunDir = remote.orunDir(workspaceOptions, env);
        RunRecords records = remote.records(orunDir, execId, env);
        PrintWriter out = spec.commandLine().getOut();
        if (all) {
            printAll(records, out);
            return 0;
        }
        if (execId == null && records.list().isEmpty() && !json) {
            out.println("No runs yet.");
            out.println("  Start one with: orun run");
            out.flush();
            return 0;
        }
        RunRecord run = RunLookup.load(records, execId, orunDir);
        if (watch) {
            run = watch(records, run, out);
        } else if (json) {
            out.print(StatusDocuments.run(run));
        } else {
            out.print(StatusFormat.frame(run, Instant.now()));
        }
        out.flush();
        return watch || exitStatus ? run.summary().exitCode().orElse(STILL_RUNNING) : 0;
    }

    private void printAll(RunRecords records, PrintWriter out) {
        List<RunSummary> runs = records.list();
        if (json) {
            out.print(StatusDocuments.list(runs));
        } else if (runs.isEmpty()) {
            out.println("No runs yet.");
            out.println("  Start one with: orun run");
        } else {
            out.println("▲ orun runs");
            out.print(StatusFormat.text(StatusFormat.table(runs, Instant.now())));
        }
        out.flush();
    }

    /** Live frames on a terminal; elsewhere one line per job that changes, then the final frame. */
    private RunRecord watch(RunRecords records, RunRecord first, PrintWriter out) throws InterruptedException {
        boolean terminal = environment.interactive() && !environment.ci();
        Duration interval = Duration.ofMillis(Math.max(200, intervalMillis));
        Map<String, Status> seen = new HashMap<>();
        RunRecord run = first;
        if (!terminal && !json) {
            out.println("watching " + run.execId() + " until it ends");
        }
        while (true) {
            if (json) {
                out.flush(); // --json prints only the final document
            } else if (terminal) {
                out.print("\u001b[H\u001b[J");
                out.print(StatusFormat.frame(run, Instant.now()));
            } else {
                printChanges(run, seen, out);
            }
            out.flush();
            if (!run.inProgress()) {
                break;
            }
            records.awaitChange(run.summary(), interval);
            run = records.read(records.find(run.execId()).orElse(run.summary()));
        }
        if (json) {
            out.print(StatusDocuments.run(run));
        } else if (!terminal) {
            out.println();
            out.print(StatusFormat.frame(run, Instant.now()));
        }
        return run;
    }

    private static void printChanges(RunRecord run, Map<String, Status> seen, PrintWriter out) {
        for (JobState job : run.state().jobs().values()) {
            Status before = seen.put(job.jobId(), job.status());
            if (job.status() != before && job.status() != Status.PENDING) {
                String error = job.status() == Status.FAILED && job.error() != null ? "  " + job.error() : "";
                out.println(StatusFormat.glyph(job.status()) + " " + job.jobId() + " " + job.status().wireName() + error);
            }
        }
    }
}
