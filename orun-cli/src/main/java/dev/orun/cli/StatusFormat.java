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
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * One run's frame as one text, each line ending with the line separator. Written straight into
     * one builder: on a 5000-job run a string per line, a list of them and a join afterwards were
     * a good part of a cold {@code orun status}.
     */
    static String frame(RunRecord run, Instant now) {
        String nl = System.lineSeparator();
        RunMetadata meta = run.metadata();
        StringBuilder out = new StringBuilder(256 + 40 * run.state().jobs().size());
        out.append("▲ orun ").append(meta.planName() == null ? "plan" : meta.planName()).append(nl);
        List<String> head = new ArrayList<>();
        head.add("Run: " + run.execId());
        if (meta.planId() != null) {
            head.add("Plan: " + meta.planId());
        }
        head.add("State: " + state(run.summary()));
        head.add("Duration: " + Durations.format(meta.duration(now)));
        out.append("  ").append(String.join(" · ", head)).append(nl);
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
        out.append("  ").append(String.join(" · ", more)).append(nl);
        out.append(nl);
        out.append("  Status:   ").append(counts(run.jobCounts())).append(nl);
        jobTree(run, now, out, nl);
        for (String line : reports(run)) {
            out.append(line).append(nl);
        }
        out.append(nl);
        String failed = run.jobCounts().failed() > 0 ? " --failed" : "";
        out.append("  Logs: orun logs --exec-id ").append(run.execId()).append(failed).append(nl);
        return out.toString();
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
    private static void jobTree(RunRecord run, Instant now, StringBuilder out, String nl) {
        // one pass, each id split once: this is per job, 5000 times on a large run
        Map<String, List<Row>> byComponent = new TreeMap<>();
        String firstEnvironment = null;
        boolean severalEnvironments = false;
        for (JobState job : run.state().jobs().values()) {
            Row row = Row.of(job);
            if (firstEnvironment == null) {
                firstEnvironment = row.environment();
            } else if (!severalEnvironments && !row.inEnvironment(firstEnvironment)) {
                severalEnvironments = true;
            }
            byComponent.computeIfAbsent(row.component(), key -> new ArrayList<>(1)).add(row);
        }
        for (Map.Entry<String, List<Row>> group : byComponent.entrySet()) {
            out.append(nl);
            out.append("  ● ").append(group.getKey()).append(nl);
            List<Row> rows = group.getValue();
            rows.sort(Row.ORDER);
            for (Row row : rows) {
                JobState job = row.job();
                out.append("    ").append(glyph(job.status())).append(' ');
                if (severalEnvironments) {
                    out.append(row.environment()).append('/');
                }
                row.appendJobName(out);
                if (job.startedAt() != null) {
                    Instant end = job.finishedAt() != null ? job.finishedAt() : now;
                    out.append("  ").append(Durations.format(Duration.between(job.startedAt(), end)));
                }
                if (job.status() == Status.FAILED && job.error() != null) {
                    out.append("  ").append(truncate(job.error()));
                }
                out.append(nl);
            }
        }
    }

    /**
     * A job with where its id splits into {@code <component>@<environment>.<job>}, ordered by
     * status rank, then id. An id that is not of that form is the job name of component {@code ?}.
     */
    private record Row(JobState job, String component, int at, int dot) {
        static final Comparator<Row> ORDER = (a, b) -> {
            int byRank = Integer.compare(rank(a.job.status()), rank(b.job.status()));
            return byRank != 0 ? byRank : a.job.jobId().compareTo(b.job.jobId());
        };

        static Row of(JobState job) {
            String id = job.jobId();
            int at = plainIdAt(id);
            if (at > 0) {
                return new Row(job, id.substring(0, at), at, id.indexOf('.', at + 1));
            }
            try {
                JobId parsed = JobId.parse(id);
                return new Row(job, parsed.component(), parsed.component().length(),
                        parsed.component().length() + 1 + parsed.environment().length());
            } catch (RuntimeException e) {
                return new Row(job, "?", -1, -1);
            }
        }

        String environment() {
            return at < 0 ? "?" : job.jobId().substring(at + 1, dot);
        }

        boolean inEnvironment(String environment) {
            return at < 0 ? environment.equals("?")
                    : dot - at - 1 == environment.length() && job.jobId().startsWith(environment, at + 1);
        }

        void appendJobName(StringBuilder out) {
            String id = job.jobId();
            if (at < 0) {
                out.append(id);
            } else {
                out.append(id, dot + 1, id.length());
            }
        }

        /**
         * Where the {@code @} of an id is when the id is plainly valid — printable ASCII without
         * spaces, one {@code @} after a non-empty component, a {@code .} after a non-empty
         * environment and a non-empty job name — so it splits as {@link JobId#parse} would split
         * it without building one; otherwise -1 (then {@code JobId.parse} decides).
         */
        private static int plainIdAt(String id) {
            int at = -1;
            int dot = -1;
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c <= ' ' || c > '~') {
                    return -1;
                }
                if (c == '@') {
                    if (at >= 0) {
                        return -1;
                    }
                    at = i;
                } else if (c == '.' && at >= 0 && dot < 0) {
                    dot = i;
                }
            }
            return at > 0 && dot > at + 1 && dot < id.length() - 1 ? at : -1;
        }
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
