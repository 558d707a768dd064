package dev.orun.cli;

import dev.orun.exec.records.Execution;
import dev.orun.exec.records.ExecutionRecords;
import dev.orun.exec.records.LogEntry;
import dev.orun.exec.records.LogFollower;
import dev.orun.exec.records.LogQuery;
import dev.orun.plan.Workspace;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orun logs}: the raw step logs of a run, labelled per job and step; live with {@code --follow}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print the step logs of a run (default: the latest), labelled per job and step.")
public final class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--exec-id", paramLabel = "ID", description = "The run (id or unique prefix).")
    String execId;

    @Option(names = "--job", paramLabel = "JOB", description = "Only this job (exact id or unique prefix).")
    String job;

    @Option(names = "--step", paramLabel = "STEP", description = "Only steps whose id is or starts with STEP.")
    String step;

    @Option(names = "--failed", description = "Only the logs of failed jobs.")
    boolean failed;

    @Option(names = "--summary", description = "Print the step summaries (GITHUB_STEP_SUMMARY) instead of the logs.")
    boolean summary;

    @Option(names = {"-f", "--follow"}, description = "Keep streaming a run in progress until it ends.")
    boolean follow;

    @Mixin
    WorkspaceOptions workspaceOptions;

    @Override
    public Integer call() throws Exception {
        Workspace workspace = workspaceOptions.workspace();
        ExecutionRecords records = new ExecutionRecords(workspace.orunDir());
        Execution run = records.load(execId);
        LogQuery query = new LogQuery(job == null ? null : run.resolveJob(job), step, failed);
        PrintWriter out = spec.commandLine().getOut();
        if (summary) {
            printSummaries(run, query, out);
            out.flush();
            return 0;
        }
        LabelledSink sink = new LabelledSink(out);
        LogFollower follower = new LogFollower(records, run.execId(), query, Duration.ofMillis(250));
        Execution end = follow ? follower.follow(sink) : follower.drainOnce(sink);
        sink.finish();
        if (!sink.wroteAny()) {
            out.println(emptyMessage(end, query));
        }
        out.flush();
        return 0;
    }

    /** Each step's Markdown summary under a {@code ==> job / step summary <==} header. */
    private static void printSummaries(Execution run, LogQuery query, PrintWriter out) {
        boolean any = false;
        for (dev.orun.core.state.JobState job : run.state().jobs().values()) {
            if (query.jobId() != null && !query.jobId().equals(job.jobId())
                    || query.failedOnly() && job.status() != dev.orun.core.state.Status.FAILED) {
                continue;
            }
            for (dev.orun.core.state.StepState step : job.steps()) {
                if (step.summary() == null || step.summary().isBlank()
                        || query.stepId() != null && !step.stepId().startsWith(query.stepId())) {
                    continue;
                }
                out.println((any ? "\n" : "") + "==> " + job.jobId() + " / " + step.stepId()
                        + " summary <==");
                out.print(step.summary().endsWith("\n") ? step.summary() : step.summary() + "\n");
                any = true;
            }
        }
        if (!any) {
            out.println("No step summaries in run " + run.execId() + ".");
        }
    }

    private String emptyMessage(Execution run, LogQuery query) {
        if (failed && run.jobCounts().failed() == 0) {
            return "No failed jobs in run " + run.execId() + ".";
        }
        List<LogEntry> any = run.logs();
        return any.isEmpty() ? "No logs for run " + run.execId() + " yet."
                : "No logs match in run " + run.execId() + " (" + any.size() + " step logs in all).";
    }

    /** Writes a {@code ==> job / step (status) <==} header whenever the output switches entry. */
    private static final class LabelledSink implements LogFollower.Sink {
        private final PrintWriter out;
        private LogEntry current;
        private boolean endsWithNewline = true;
        private boolean wrote;
        private byte[] carry = new byte[0];

        LabelledSink(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(LogEntry entry, byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            if (current == null || !current.file().equals(entry.file())) {
                if (carry.length > 0) {
                    out.print(new String(carry, StandardCharsets.UTF_8));
                    endsWithNewline = false;
                    carry = new byte[0];
                }
                if (!endsWithNewline) {
                    out.println();
                }
                if (wrote) {
                    out.println();
                }
                out.println("==> " + entry.label() + " (" + entry.status().wireName() + ") <==");
                current = entry;
            }
            byte[] text = new byte[carry.length + length];
            System.arraycopy(carry, 0, text, 0, carry.length);
            System.arraycopy(bytes, offset, text, carry.length, length);
            int complete = completeUtf8(text);
            carry = java.util.Arrays.copyOfRange(text, complete, text.length);
            out.print(new String(text, 0, complete, StandardCharsets.UTF_8));
            out.flush();
            endsWithNewline = complete > 0 && text[complete - 1] == '\n' && carry.length == 0;
            wrote = true;
        }

        /** How many leading bytes form whole UTF-8 characters; a character cut by a chunk waits. */
        private static int completeUtf8(byte[] text) {
            for (int back = 1; back <= Math.min(3, text.length); back++) {
                int b = text[text.length - back] & 0xff;
                if ((b & 0xC0) != 0x80) { // a lead byte (or ASCII): is its sequence complete?
                    int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                    return need > back ? text.length - back : text.length;
                }
            }
            return text.length;
        }

        void finish() {
            if (carry.length > 0) {
                out.print(new String(carry, StandardCharsets.UTF_8));
                endsWithNewline = false;
                carry = new byte[0];
            }
            if (!endsWithNewline) {
                out.println();
            }
        }

        boolean wroteAny() {
            return wrote;
        }
    }
}
