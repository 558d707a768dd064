package dev.orun.cli;

import dev.orun.cli.render.Words;
import dev.orun.core.Durations;
import dev.orun.core.plan.JobId;
import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Text rendering of runs for {@code orun status}: one run's frame, and the table of runs. */
final class StatusFormat {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int ERROR_WIDTH = 60;

    private StatusFormat() {
    }

    static String glyph(Status status) {
        return Words.symbol(status);
    }

    /** The run's state as a word; a run whose process vanished reads {@code interrupted}. */
    static String state(RunSummary run) {
        if (run.abandoned()) {
            return "interrupted";
        }
        if (run.status() == Status.PENDING) {
            return "starting";
        }
        return run.status() == null ? "unknown" : run.status().wireName();
    }

    static String when(Instant instant) {
        return instant == null ? "-" : WHEN.format(instant);
    }

    /** The lines as one text, each ending with the line separator: printed with one write, not one per line. */
    static String text(List<String> lines) {
        String separator = System.lineSeparator();
        int size = 0;
        for (String line : lines) {
            size += line.length() + separator.length();
        }
        StringBuilder text = new StringBuilder(size);
        for (String line : lines) {
            text.append(line).append(separator);
        }
        return text.toString();
    }

    static List<String> frame(RunRecord run, Instant now) {
        RunMetadata meta = run.metadata();
        List<String> lines = new ArrayList<>();
        lines.add("▲ orun " + (meta.planName() == null ? "plan" : meta.planName()));
        List<String> head = new ArrayList<>();
        head.add("Run: " + run.execId());
        if (meta.planId() != null) {
            head.add("Plan: " + meta.planId());
        }
        head.add("State: " + state(run.summary()));
        head.add("Duration: " + Durations.format(meta.duration(now)));
        lines.add("  " + String.join(" · ", head));
        List<String> more = new ArrayList<>();
        more.add("Started: " + when(meta.startedAt()));
        if (meta.runner() != null) {
            more.add("Runner: " + meta.runner());
        }
        if (meta.trigger() != null) {
            more.add("Trigger: " + meta.trigger());
        }
        if (meta.user() != null) {
            more.add("User: " + meta.user());
        }
        lines.add("  " + String.join(" · ", more));
        lines.add("");
        lines.add("  Status:   " + counts(run.jobCounts()));
        lines.addAll(jobTree(run, now));
        lines.addAll(reports(run));
        lines.add("");
        String failed = run.jobCounts().failed() > 0 ? " --failed" : "";
        lines.add("  Logs: orun logs --exec-id " + run.execId() + failed);
        return lines;
    }

    /**
     * The annotations steps raised ({@code level file:line message}) and which steps left a
     * summary (read with {@code orun logs --summary}).
     */
    private static List<String> reports(RunRecord run) {
        List<String> annotations = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (JobState job : run.state().jobs().values()) {
            for (dev.orun.core.state.StepState step : job.steps()) {
                for (dev.orun.core.state.Annotation a : step.annotations()) {
                    String where = a.location().isEmpty() ? "" : a.location() + " ";
                    annotations.add("    " + a.level() + "  " + where + a.message() + "  ("
                            + job.jobId() + " › " + step.stepId() + ")");
                }
                if (step.summary() != null && !step.summary().isBlank()) {
                    summaries.add(job.jobId() + " › " + step.stepId());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        if (!annotations.isEmpty()) {
            lines.add("");
            lines.add("  Annotations:");
            lines.addAll(annotations);
        }
        if (!summaries.isEmpty()) {
            lines.add("");
            lines.add("  Summaries: " + String.join(", ", summaries));
            lines.add("    orun logs --exec-id " + run.execId() + " --summary");
        }
        return lines;
    }

    static String counts(JobCounts counts) {
        List<String> parts = new ArrayList<>(List.of(
                glyph(Status.SUCCEEDED) + " " + counts.succeeded() + " succeeded",
                glyph(Status.RUNNING) + " " + counts.running() + " running",
                glyph(Status.PENDING) + " " + counts.pending() + " pending",
                glyph(Status.FAILED) + " " + counts.failed() + " failed"));
        if (counts.skipped() > 0) {
            parts.add(glyph(Status.SKIPPED) + " " + counts.skipped() + " skipped");
        }
        if (counts.cancelled() > 0) {
            parts.add(glyph(Status.CANCELLED) + " " + counts.cancelled() + " cancelled");
        }
        return String.join(" · ", parts);
    }

    /** Jobs grouped by component; within a group failed first, then running, pending, the rest. */
    private static List<String> jobTree(RunRecord run, Instant now) {
        // one pass, each id parsed once: this is per job, 5000 times on a large run
        Map<String, List<Row>> byComponent = new TreeMap<>();
        Set<String> environments = new HashSet<>();
        for (JobState job : run.state().jobs().values()) {
            Row row = new Row(job, parse(job.jobId()));
            environments.add(row.id().environment());
            byComponent.computeIfAbsent(row.id().component(), key -> new ArrayList<>()).add(row);
        }
        boolean severalEnvironments = environments.size() > 1;
        List<String> lines = new ArrayList<>(run.state().jobs().size() + 3 * byComponent.size());
        StringBuilder line = new StringBuilder(96);
        for (Map.Entry<String, List<Row>> group : byComponent.entrySet()) {
            lines.add("");
            lines.add("  ● " + group.getKey());
            List<Row> rows = group.getValue();
            rows.sort(Row.ORDER);
            for (Row row : rows) {
                JobState job = row.job();
                line.setLength(0);
                line.append("    ").append(glyph(job.status())).append(' ');
                if (severalEnvironments) {
                    line.append(row.id().environment()).append('/');
                }
                line.append(row.id().job());
                if (job.startedAt() != null) {
                    Instant end = job.finishedAt() != null ? job.finishedAt() : now;
                    line.append("  ").append(Durations.format(Duration.between(job.startedAt(), end)));
                }
                if (job.status() == Status.FAILED && job.error() != null) {
                    line.append("  ").append(truncate(job.error()));
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** A job with its parsed id, ordered by status rank, then id. */
    private record Row(JobState job, JobId id) {
        static final Comparator<Row> ORDER = (a, b) -> {
            int byRank = Integer.compare(rank(a.job.status()), rank(b.job.status()));
            return byRank != 0 ? byRank : a.job.jobId().compareTo(b.job.jobId());
        };
    }

    private static int rank(Status status) {
        return switch (status) {
            case FAILED -> 0;
            case RUNNING -> 1;
            case PENDING -> 2;
            case CANCELLED -> 3;
            case SKIPPED -> 4;
            case SUCCEEDED -> 5;
        };
    }

    /** A job id in the plan's form, or the whole id as the job name of component {@code ?}. */
    private static JobId parse(String jobId) {
        try {
            return JobId.parse(jobId);
        } catch (RuntimeException e) {
            return new JobId("?", "?", jobId);
        }
    }

    private static String truncate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= ERROR_WIDTH ? line : line.substring(0, ERROR_WIDTH - 1) + "…";
    }

    static List<String> table(List<RunSummary> runs, Instant now) {
        List<String> lines = new ArrayList<>();
        int idWidth = runs.stream().mapToInt(run -> run.execId().length() + 2).max().orElse(3);
        String format = "%-" + Math.max(4, idWidth) + "s  %-11s  %-20s  %-8s  %s";
        lines.add(String.format(Locale.ROOT, format, "  RUN", "STATE", "STARTED", "DURATION", "JOBS").stripTrailing());
        for (RunSummary run : runs) {
            JobCounts jobs = run.jobs();
            String result = jobs.done() + "/" + jobs.total() + " done";
            if (jobs.failed() > 0) {
                result += "  " + glyph(Status.FAILED) + " " + jobs.failed() + " failed";
            }
            lines.add(String.format(Locale.ROOT, format, glyph(run.status()) + " " + run.execId(), state(run),
                    when(run.startedAt()), Durations.format(run.duration(now)), result).stripTrailing());
        }
        return lines;
    }
}
