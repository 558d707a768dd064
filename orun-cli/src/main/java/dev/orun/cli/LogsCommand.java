package dev.orun.cli;

import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StepLog;
import dev.orun.exec.records.LogFollower;
import dev.orun.exec.records.LogQuery;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
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

    private final CliEnvironment environment;

    LogsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

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

    @Mixin
    RemoteReadOptions remote = new RemoteReadOptions();

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> env = environment.variables();
        execId = remote.execId(execId, env);
        Path orunDir = remote.orunDir(workspaceOptions, env);
        RunRecords records = remote.records(orunDir, execId, env);
        RunRecord run = RunLookup.load(records, execId, orunDir);
        LogQuery query = new LogQuery(job == null ? null : run.resolveJob(job), step, failed);
        // not picocli's writer itself, which flushes at every line: one write per few kilobytes instead
        PrintWriter out = new PrintWriter(spec.commandLine().getOut(), false);
        try {
            if (summary) {
                printSummaries(run, query, out);
                return 0;
            }
            LabelledSink sink = new LabelledSink(out);
            LogFollower follower = new LogFollower(records, run.summary(), query, Duration.ofMillis(250));
            RunRecord end = follow ? follower.follow(sink) : follower.drainOnce(sink);
            sink.finish();
            if (!sink.wroteAny()) {
                out.println(emptyMessage(end, query));
            }
            return 0;
        } finally {
            out.flush(); // also what was printed before an error
        }
    }

    /** Each step's Markdown summary under a {@code ==> job / step summary <==} header. */
    private static void printSummaries(RunRecord run, LogQuery query, PrintWriter out) {
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

    private String emptyMessage(RunRecord run, LogQuery query) {
        if (failed && run.jobCounts().failed() == 0) {
            return "No failed jobs in run " + run.execId() + ".";
        }
        List<StepLog> any = run.logs();
        return any.isEmpty() ? "No logs for run " + run.execId() + " yet."
                : "No logs match in run " + run.execId() + " (" + any.size() + " step logs in all).";
    }

    /**
     * Writes a {@code ==> job / step (status) <==} header whenever the output switches entry.
     * Logs are raw bytes that arrive in chunks; a decoder per entry keeps a character cut between
     * two chunks until its rest arrives, and shows bytes that are not UTF-8 as U+FFFD.
     */
    private static final class LabelledSink implements LogFollower.Sink {
        private final PrintWriter out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private ByteBuffer pending = ByteBuffer.allocate(0);
        private StepLog current;
        private char lastPrinted = '\n';
        private boolean wrote;

        LabelledSink(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(StepLog entry, byte[] bytes, int offset, int length) {
            if (length == 0) {
                return;
            }
            if (current == null || !current.jobId().equals(entry.jobId()) || !current.stepId().equals(entry.stepId())) {
                endEntry();
                if (wrote) {
                    out.println();
                }
                out.println("==> " + entry.label() + " (" + entry.status().wireName() + ") <==");
                current = entry;
            }
            ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
            input.put(pending).put(bytes, offset, length).flip();
            decode(input, false);
            pending = input;
            wrote = true;
        }

        @Override
        public void caughtUp() {
            out.flush(); // --follow: show what is there before waiting for more
        }

        /** Prints what the entry still holds and ends its last line. */
        private void endEntry() {
            decode(pending, true);
            pending = ByteBuffer.allocate(0);
            if (lastPrinted != '\n') {
                out.println();
                lastPrinted = '\n';
            }
        }

        private void decode(ByteBuffer input, boolean endOfInput) {
            while (decoder.decode(input, chars, endOfInput).isOverflow()) {
                print();
            }
            if (endOfInput) {
                while (decoder.flush(chars).isOverflow()) {
                    print();
                }
                decoder.reset();
            }
            print();
        }

        private void print() {
            chars.flip();
            if (chars.hasRemaining()) {
                lastPrinted = chars.get(chars.limit() - 1);
                out.append(chars);
            }
            chars.clear();
        }

        void finish() {
            endEntry();
        }

        boolean wroteAny() {
            return wrote;
        }
    }
}
