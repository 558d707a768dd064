package dev.orun.exec.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.exec.internal.records.ExecutionLayout;
import dev.orun.exec.internal.records.PathSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run read from disk: metadata plus the exact merged state ({@code state.json} overlaid with
 * the newer per-job files), and the way to its logs. A snapshot: load it again to see progress.
 */
public record Execution(ExecutionSummary summary, RunState state) {

    public String execId() {
        return summary.execId();
    }

    public RunMetadata metadata() {
        return summary.metadata();
    }

    public Path dir() {
        return summary.dir();
    }

    public boolean inProgress() {
        return summary.inProgress();
    }

    /** Counts from the merged state (exact, unlike the listing's). */
    public JobCounts jobCounts() {
        return JobCounts.of(state.jobs().values());
    }

    /** The plan as it was run, when {@code plan.json} is present. */
    public Optional<Plan> plan() {
        Path file = layout().planFile();
        return Files.isRegularFile(file) ? Optional.of(PlanJson.read(file)) : Optional.empty();
    }

    /** Where a step's log is (whether or not it exists yet). */
    public Path logFile(String jobId, String stepId) {
        return layout().stepLog(jobId, stepId);
    }

    /**
     * Every step log on disk, by job id, then in step order (steps the state does not know, e.g.
     * from a run that crashed mid-step, follow in name order).
     */
    public List<LogEntry> logs() {
        List<LogEntry> entries = new ArrayList<>();
        Set<String> jobIds = new TreeSet<>(state.jobs().keySet());
        jobIds.addAll(jobsWithLogDirs());
        for (String jobId : jobIds) {
            JobState job = state.job(jobId);
            Set<String> listed = new HashSet<>();
            for (StepState step : job.steps()) {
                Path file = logFile(jobId, step.stepId());
                if (Files.isRegularFile(file)) {
                    entries.add(new LogEntry(jobId, step.stepId(), stepStatus(step, job), job.status(), file));
                }
                listed.add(file.getFileName().toString());
            }
            for (Path file : files(layout().jobLogDir(jobId), "*.log")) {
                String name = file.getFileName().toString();
                if (!listed.contains(name)) {
                    PathSegments.decode(name.substring(0, name.length() - ".log".length()))
                            .ifPresent(stepId -> entries.add(new LogEntry(jobId, stepId, job.status(), job.status(), file)));
                }
            }
        }
        return entries;
    }

    /**
     * The job a user means by {@code idOrPrefix}: the exact id, else the only job id starting with
     * it. None or several → {@link InvalidInputException} (exit 2) naming the candidates.
     */
    public String resolveJob(String idOrPrefix) {
        Set<String> ids = new TreeSet<>(state.jobs().keySet());
        ids.addAll(jobsWithLogDirs());
        if (ids.contains(idOrPrefix)) {
            return idOrPrefix;
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException("no job \"" + idOrPrefix + "\" in run " + execId() + "; jobs: "
                    + abbreviated(List.copyOf(ids)));
        }
        throw new InvalidInputException("job \"" + idOrPrefix + "\" is ambiguous in run " + execId()
                + "; it matches " + abbreviated(matches));
    }

    private static String abbreviated(List<String> ids) {
        int max = 8;
        String shown = String.join(", ", ids.subList(0, Math.min(max, ids.size())));
        return ids.size() > max ? shown + ", … (" + ids.size() + " in all)" : shown;
    }

    private static Status stepStatus(StepState step, JobState job) {
        return step.status() == null ? job.status() : step.status();
    }

    private Set<String> jobsWithLogDirs() {
        Set<String> ids = new TreeSet<>();
        for (Path dir : files(layout().logsDir(), "*")) {
            if (Files.isDirectory(dir)) {
                PathSegments.decode(dir.getFileName().toString()).ifPresent(ids::add);
            }
        }
        return ids;
    }

    private ExecutionLayout layout() {
        return new ExecutionLayout(summary.dir());
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
        found.sort(null);
        return found;
    }
}
