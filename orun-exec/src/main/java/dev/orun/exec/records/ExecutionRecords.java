package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.exec.internal.records.ExecutionLayout;
import dev.orun.exec.internal.records.JobStateFiles;
import dev.orun.exec.internal.records.Processes;
import dev.orun.exec.internal.records.RecordsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the execution records under {@code <orunDir>/executions/}: lists runs, finds one by id or
 * unique prefix, and loads its exact state. Read-only and safe while runs are in progress.
 */
public final class ExecutionRecords {

    private static final int RECENT_IN_MESSAGES = 5;

    private final Path orunDir;
    private final Map<Path, MergedView> views = new java.util.concurrent.ConcurrentHashMap<>();

    public ExecutionRecords(Path orunDir) {
        this.orunDir = orunDir.toAbsolutePath().normalize();
    }

    /** Every recorded run, newest start first (ties: larger id first). */
    public List<ExecutionSummary> list() {
        Path executions = ExecutionLayout.executionsDir(orunDir);
        if (!Files.isDirectory(executions)) {
            return List.of();
        }
        List<ExecutionSummary> runs = new ArrayList<>();
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
        runs.sort(Comparator.comparing((ExecutionSummary run) -> run.startedAt(),
                        Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ExecutionSummary::execId).reversed());
        return runs;
    }

    /** The most recently started run. */
    public Optional<ExecutionSummary> latest() {
        List<ExecutionSummary> runs = list();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    /**
     * The most recently started run of the plan with this checksum: what {@code --job} and
     * {@code --retry} attach to when no exec id is given, as the original orun's cross-run resume
     * lookup did.
     */
    public Optional<ExecutionSummary> latestOfPlan(String planChecksum) {
        return list().stream()
                .filter(run -> planChecksum != null && planChecksum.equals(run.metadata().planChecksum()))
                .findFirst();
    }

    /** The run with this id, else the only run whose id starts with it. */
    public Optional<ExecutionSummary> find(String execIdOrPrefix) {
        if (execIdOrPrefix == null || !ExecIds.isValid(execIdOrPrefix)) {
            return Optional.empty();
        }
        Optional<ExecutionSummary> exact = summary(ExecutionLayout.of(orunDir, execIdOrPrefix).dir());
        if (exact.isPresent()) {
            return exact;
        }
        List<ExecutionSummary> matches = list().stream()
                .filter(run -> run.execId().startsWith(execIdOrPrefix)).toList();
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
    public Execution load(String execIdOrNull) {
        Optional<ExecutionSummary> summary = execIdOrNull == null ? latest() : find(execIdOrNull);
        if (summary.isEmpty()) {
            throw unknown(execIdOrNull);
        }
        return read(summary.get());
    }

    /**
     * The run's exact state. Repeated reads of the same run through this instance (as
     * {@code --watch} and {@code --follow} do) only re-parse the files that changed in between.
     */
    public Execution read(ExecutionSummary summary) {
        MergedView view = views.computeIfAbsent(summary.dir(), dir -> new MergedView(new ExecutionLayout(dir)));
        RunMetadata meta = summary.metadata();
        RunState state;
        synchronized (view) {
            view.refresh();
            String checksum = meta.planChecksum() != null ? meta.planChecksum() : view.compactedChecksum;
            state = new RunState(summary.execId(), checksum, meta.status(), meta.startedAt(),
                    meta.finishedAt(), view.merged());
        }
        return new Execution(summary, state);
    }

    /** {@code state.json} plus the per-job files, each re-read only when it changed. */
    private static final class MergedView {
        private final ExecutionLayout layout;
        private final JobStateFiles jobFiles;
        private final Map<String, JobState> fromJobFiles = new HashMap<>();
        private Map<String, JobState> compacted = Map.of();
        private String compactedChecksum;
        private String compactedStamp = "";

        MergedView(ExecutionLayout layout) {
            this.layout = layout;
            this.jobFiles = new JobStateFiles(layout);
        }

        void refresh() {
            String stamp = stamp(layout.stateFile());
            if (!stamp.equals(compactedStamp)) {
                Optional<RunState> state = readQuietly(layout.stateFile(), RunState.class);
                compacted = state.map(RunState::jobs).orElse(Map.of());
                compactedChecksum = state.map(RunState::planChecksum).orElse(null);
                compactedStamp = stamp;
            }
            jobFiles.scanChanged(file -> file, (file, job) -> fromJobFiles.put(job.jobId(), job));
        }

        Map<String, JobState> merged() {
            Map<String, JobState> jobs = new HashMap<>(compacted);
            jobs.putAll(fromJobFiles);
            return jobs;
        }

        private static String stamp(Path file) {
            try {
                var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return attrs.fileKey() + "/" + attrs.lastModifiedTime().toMillis() + "/" + attrs.size();
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** The error for an unknown run: names the recent runs, or says there are none. */
    public InvalidInputException unknown(String execIdOrNull) {
        List<ExecutionSummary> recent = list();
        String subject = execIdOrNull == null ? "no runs recorded" : "unknown execution \"" + execIdOrNull + "\"";
        String where = " in " + ExecutionLayout.executionsDir(orunDir);
        if (recent.isEmpty()) {
            return new InvalidInputException(subject + where + "; start one with: orun run");
        }
        return new InvalidInputException(subject + "; recent runs: " + ids(recent, RECENT_IN_MESSAGES));
    }

    private static String ids(List<ExecutionSummary> runs, int max) {
        String shown = runs.stream().limit(max).map(ExecutionSummary::execId).collect(Collectors.joining(", "));
        return runs.size() > max ? shown + ", … (" + runs.size() + " in all; orun status --all)" : shown;
    }

    private static Optional<ExecutionSummary> summary(Path dir) {
        ExecutionLayout layout = new ExecutionLayout(dir);
        Optional<RunMetadata> meta = readQuietly(layout.metadataFile(), RunMetadata.class);
        if (meta.isEmpty()) {
            Optional<RunState> state = readQuietly(layout.stateFile(), RunState.class);
            meta = state.isPresent() ? Optional.of(fromState(layout, state.get())) : starting(layout);
            if (meta.isEmpty()) {
                return Optional.empty();
            }
        }
        RunMetadata m = meta.get();
        boolean abandoned = m.status() != null && !m.status().isTerminal() && m.pid() != null
                && !Processes.mayBeAlive(m.host(), m.pid());
        return Optional.of(new ExecutionSummary(layout.execId(), layout.dir(), m, abandoned));
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

    private static <T> Optional<T> readQuietly(Path file, Class<T> type) {
        try {
            return RecordsJson.read(file, type);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
