package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LogChunk;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.RunState;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepLog;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.ExecutionLayout;
import dev.orun.exec.internal.records.PathSegments;
import dev.orun.exec.internal.records.Processes;
import dev.orun.exec.internal.records.RecordedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The read side of the local records under {@code <orunDir>/executions/}: lists runs, finds one by
 * id or unique prefix, folds its exact state (snapshot + journal) and reads its step logs from any
 * offset. Read-only and safe while runs are in progress. Repeated reads of one run through one
 * instance (as {@code --watch} and {@code --follow} do) only read what the journal gained since.
 */
public final class FileRunRecords implements RunRecords {

    private static final int RECENT_IN_MESSAGES = 5;

    private final Path orunDir;
    private final Map<Path, RecordedRun> folds = new ConcurrentHashMap<>();

    public FileRunRecords(Path orunDir) {
        this.orunDir = orunDir.toAbsolutePath().normalize();
    }

    /** Every recorded run, newest start first (ties: larger id first). */
    @Override
    public List<RunSummary> list() {
        Path executions = ExecutionLayout.executionsDir(orunDir);
        if (!Files.isDirectory(executions)) {
            return List.of();
        }
        List<RunSummary> runs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(executions)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (Files.isDirectory(dir) && ExecIds.isValid(name)) {
                    summary(dir).ifPresent(runs::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + executions + ": " + e.getMessage(), e);
        }
        runs.sort(Comparator.comparing(RunSummary::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunSummary::execId).reversed());
        return runs;
    }

    @Override
    public Optional<RunSummary> find(String execIdOrPrefix) {
        if (execIdOrPrefix == null || !ExecIds.isValid(execIdOrPrefix)) {
            return Optional.empty();
        }
        Optional<RunSummary> exact = summary(ExecutionLayout.of(orunDir, execIdOrPrefix).dir());
        if (exact.isPresent()) {
            return exact;
        }
        List<RunSummary> matches = list().stream().filter(run -> run.execId().startsWith(execIdOrPrefix)).toList();
        if (matches.size() > 1) {
            throw new InvalidInputException("exec id prefix \"" + execIdOrPrefix + "\" matches "
                    + matches.size() + " runs: " + ids(matches, RECENT_IN_MESSAGES));
        }
        return matches.stream().findFirst();
    }

    /**
     * Loads a run; {@code null} means the latest. Unknown → {@link InvalidInputException} (exit 2)
     * naming the recent runs, so the user can pick one.
     */
    public RunRecord load(String execIdOrNull) {
        Optional<RunSummary> summary = execIdOrNull == null ? latest() : find(execIdOrNull);
        if (summary.isEmpty()) {
            throw unknown(execIdOrNull);
        }
        return read(summary.get());
    }

    @Override
    public RunRecord read(RunSummary summary) {
        ExecutionLayout layout = ExecutionLayout.of(orunDir, summary.execId());
        RunState state;
        RecordedRun run = folds.get(layout.dir());
        if (run == null) {
            run = RecordedRun.load(layout, null).orElse(null);
            if (run != null) {
                folds.put(layout.dir(), run);
            }
        }
        RunMetadata meta = summary.metadata();
        if (run == null) {
            state = new RunState(summary.execId(), meta.planChecksum(), meta.status(), meta.startedAt(),
                    meta.finishedAt(), Map.of());
        } else {
            synchronized (run) {
                run.refresh();
                RunState folded = run.state(summary.execId());
                String checksum = meta.planChecksum() != null ? meta.planChecksum() : folded.planChecksum();
                state = new RunState(summary.execId(), checksum, meta.status(), meta.startedAt(),
                        meta.finishedAt(), folded.jobs());
            }
        }
        return new RunRecord(summary, state, logs(layout, state));
    }

    @Override
    public LogChunk readLog(String execId, String jobId, String stepId, long offset, int maxBytes) {
        Path file = ExecutionLayout.of(orunDir, ExecIds.validate(execId)).stepLog(jobId, stepId);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            boolean restarted = size < offset;
            long from = restarted ? 0 : offset;
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(maxBytes, size - from)));
            int read = buffer.hasRemaining() ? channel.read(buffer, from) : 0;
            byte[] bytes = read <= 0 ? new byte[0] : Arrays.copyOf(buffer.array(), read);
            return new LogChunk(bytes, from, from + bytes.length, restarted);
        } catch (NoSuchFileException e) {
            return new LogChunk(new byte[0], 0, 0, offset > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The error for an unknown run: names the recent runs, or says there are none. */
    public InvalidInputException unknown(String execIdOrNull) {
        List<RunSummary> recent = list();
        String subject = execIdOrNull == null ? "no runs recorded" : "unknown execution \"" + execIdOrNull + "\"";
        String where = " in " + ExecutionLayout.executionsDir(orunDir);
        if (recent.isEmpty()) {
            return new InvalidInputException(subject + where + "; start one with: orun run");
        }
        return new InvalidInputException(subject + "; recent runs: " + ids(recent, RECENT_IN_MESSAGES));
    }

    /**
     * Every step log on disk, by job id, then in step order (steps the state does not know, e.g.
     * from a run that crashed mid-step, follow in name order).
     */
    private static List<StepLog> logs(ExecutionLayout layout, RunState state) {
        List<StepLog> entries = new ArrayList<>();
        Set<String> jobIds = new TreeSet<>(state.jobs().keySet());
        for (Path dir : files(layout.logsDir(), "*")) {
            if (Files.isDirectory(dir)) {
                PathSegments.decode(dir.getFileName().toString()).ifPresent(jobIds::add);
            }
        }
        for (String jobId : jobIds) {
            Path jobDir = layout.jobLogDir(jobId);
            if (!Files.isDirectory(jobDir)) {
                continue;
            }
            JobState job = state.job(jobId);
            Set<String> listed = new HashSet<>();
            for (StepState step : job.steps()) {
                Path file = layout.stepLog(jobId, step.stepId());
                if (Files.isRegularFile(file)) {
                    Status status = step.status() == null ? job.status() : step.status();
                    entries.add(new StepLog(jobId, step.stepId(), status, job.status()));
                }
                listed.add(file.getFileName().toString());
            }
            for (Path file : files(jobDir, "*.log")) {
                String name = file.getFileName().toString();
                if (!listed.contains(name)) {
                    PathSegments.decode(name.substring(0, name.length() - ".log".length()))
                            .ifPresent(stepId -> entries.add(new StepLog(jobId, stepId, job.status(), job.status())));
                }
            }
        }
        return entries;
    }

    private static String ids(List<RunSummary> runs, int max) {
        String shown = runs.stream().limit(max).map(RunSummary::execId).collect(Collectors.joining(", "));
        return runs.size() > max ? shown + ", … (" + runs.size() + " in all; orun status --all)" : shown;
    }

    private static Optional<RunSummary> summary(Path dir) {
        ExecutionLayout layout = new ExecutionLayout(dir);
        Optional<RunMetadata> meta = RecordedRun.readMetadata(layout);
        if (meta.isEmpty()) {
            Optional<RecordedRun> run = RecordedRun.load(layout, null);
            meta = run.isPresent() ? Optional.of(fromState(layout, run.get().state(layout.execId()))) : starting(layout);
            if (meta.isEmpty()) {
                return Optional.empty();
            }
        }
        RunMetadata m = meta.get();
        if (m.status() == null) {
            throw new InvalidInputException(layout.metadataFile() + ": no run status recorded; resume the run with"
                    + " orun run --exec-id " + layout.execId() + " to rewrite it, or start a new --exec-id");
        }
        boolean abandoned = !m.status().isTerminal() && m.pid() != null && !Processes.mayBeAlive(m.host(), m.pid());
        return Optional.of(new RunSummary(layout.execId(), m, abandoned));
    }

    /** Metadata for a run that has only a state file (e.g. written by an older orun). */
    private static RunMetadata fromState(ExecutionLayout layout, RunState state) {
        Instant started = state.startedAt();
        if (started == null) {
            try {
                started = Files.getLastModifiedTime(layout.stateFile()).toInstant();
            } catch (IOException e) {
                started = Instant.EPOCH;
            }
        }
        return new RunMetadata(layout.execId(), null, state.planChecksum(), null, null, null, null, null,
                null, state.status(), started, state.finishedAt(), null, JobCounts.of(state.jobs().values()));
    }

    /** A background run whose child has not opened the records yet: pending, with the child's pid. */
    private static Optional<RunMetadata> starting(ExecutionLayout layout) {
        try {
            long pid = Long.parseLong(Files.readString(layout.pidFile()).strip());
            Instant launched = Files.getLastModifiedTime(layout.pidFile()).toInstant();
            return Optional.of(new RunMetadata(layout.execId(), null, null, null, null, null, "background",
                    Processes.host(), pid, Status.PENDING, launched, null, null, JobCounts.NONE));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<Path> files(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }
}
