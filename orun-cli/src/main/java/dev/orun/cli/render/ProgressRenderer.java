package dev.orun.cli.render;

import dev.orun.core.Durations;
import dev.orun.core.event.ProgressEvent;
import dev.orun.core.event.ProgressListener;
import dev.orun.core.state.Status;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renders a run as it progresses: one line per finished job (under a component header when one
 * component runs at a time; with an inline {@code component·environment/job} label when jobs run
 * concurrently), step output prefixed by its job with {@code --verbose}, and on an interactive
 * terminal a small live block (running jobs, counts, elapsed time) redrawn in place below the
 * finished lines. With {@code --verbose} on such a terminal, {@code ::group::} output is collapsible
 * ({@link CollapsibleGroups}). Contains no execution logic.
 */
public final class ProgressRenderer implements ProgressListener, AutoCloseable {

    private static final int MAX_LIVE_ROWS = 8;
    private static final int MAX_HELD_ROWS = 12;

    private final PrintStream out;
    private final Terminal terminal;
    private final boolean verbose;
    private final boolean grouped;
    private final Map<String, Instant> running = new LinkedHashMap<>();
    private boolean inline;
    private int total;
    private int done;
    private Instant started = Instant.now();
    private String currentComponent;
    private final Set<String> headed = new HashSet<>();
    private int liveLines;
    private ScheduledExecutorService ticker;
    private final CollapsibleGroups groups;

    public ProgressRenderer(PrintStream out, Terminal terminal, boolean verbose,
                            int componentConcurrency) {
        this.out = out;
        this.terminal = terminal;
        this.verbose = verbose;
        this.grouped = componentConcurrency == 1;
        this.groups = new CollapsibleGroups(terminal::dim);
    }

    @Override
    public synchronized void onEvent(ProgressEvent event) {
        if (event instanceof ProgressEvent.RunStarted start) {
            started(start);
        } else if (event instanceof ProgressEvent.JobStarted job) {
            running.put(job.jobId(), job.at());
            redraw();
        } else if (event instanceof ProgressEvent.JobReused reused) {
            done++;
            String what = reused.status() == Status.SUCCEEDED ? terminal.dim("cached")
                    : reused.status().wireName() + " elsewhere";
            persistent(reused.jobId(), glyph(reused.status()) + " " + label(reused.jobId()) + "  "
                    + what);
        } else if (event instanceof ProgressEvent.Notice notice) {
            persistent(null, terminal.dim("note: " + notice.message()));
        } else if (event instanceof ProgressEvent.StepOutput output) {
            if (verbose) {
                String line = terminal.dim(Labels.inline(output.jobId()) + " │ ") + SafeText.of(output.line());
                if (groups.hold(output.jobId(), output.stepId(), line)) {
                    redraw();
                } else {
                    persistent(null, line);
                }
            }
        } else if (event instanceof ProgressEvent.OutputGroup group) {
            if (verbose && terminal.live()) { // plain output shows the title and indented lines as they come
                groups.group(group.jobId(), group.stepId(), group.opened());
            }
        } else if (event instanceof ProgressEvent.StepFinished step) {
            for (String line : groups.finish(step.jobId(), step.stepId(),
                    step.status() == Status.FAILED || step.status() == Status.CANCELLED)) {
                persistent(null, line);
            }
            if (verbose && step.status() != Status.SUCCEEDED && step.error() != null) {
                persistent(null, terminal.dim(Labels.inline(step.jobId()) + " │ ")
                        + terminal.red("step " + step.stepId() + ": " + SafeText.of(step.error())));
            }
        } else if (event instanceof ProgressEvent.JobFinished job) {
            running.remove(job.jobId());
            done++;
            persistent(job.jobId(), finishedLine(job));
        } else if (event instanceof ProgressEvent.RunFinished) {
            stopTicker();
            erase();
            out.flush();
        }
    }

    private void started(ProgressEvent.RunStarted start) {
        total = start.jobIds().size();
        inline = start.concurrency() > 1;
        started = start.at();
        out.println();
        out.println(terminal.bold("▲ orun run") + "  exec " + start.execId() + "  ·  plan "
                + start.planId() + "  ·  " + Words.count(total, "job") + "  ·  "
                + (start.concurrency() > 1 ? start.concurrency() + "× parallel  ·  " : "")
                + start.runner());
        if (terminal.live()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "orun-progress");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, 150, 150, TimeUnit.MILLISECONDS);
        }
        out.flush();
    }

    private synchronized void tick() {
        redraw();
    }

    private String finishedLine(ProgressEvent.JobFinished job) {
        String base = glyph(job.status()) + " " + label(job.jobId());
        return switch (job.status()) {
            case SUCCEEDED -> base + "  " + terminal.dim(Durations.format(job.duration()));
            case FAILED -> base + "  " + Durations.format(job.duration()) + "  "
                    + terminal.red(String.valueOf(SafeText.of(job.error())));
            default -> base + "  " + terminal.dim(job.status().wireName()
                    + (job.error() == null || job.error().equals(job.status().wireName()) ? ""
                    : " (" + SafeText.of(job.error()) + ")"));
        };
    }

    private String glyph(Status status) {
        return switch (status) {
            case SUCCEEDED -> terminal.green(Words.symbol(status));
            case FAILED -> terminal.red(Words.symbol(status));
            case CANCELLED -> terminal.yellow(Words.symbol(status));
            default -> terminal.dim(Words.symbol(status));
        };
    }

    private String label(String jobId) {
        if (inline || returning(jobId)) {
            return Labels.inline(jobId);
        }
        return grouped ? Labels.underComponent(jobId) : jobId;
    }

    /** A job of a component whose group was printed and closed before. */
    private boolean returning(String jobId) {
        String component = Labels.component(jobId);
        return grouped && headed.contains(component) && !component.equals(currentComponent);
    }

    /**
     * Prints a line above the live block; a component header first when the component changes.
     * Each component's header is printed once: a job of a component whose group already closed
     * (the DAG often returns to a component, e.g. for its production jobs after other components'
     * staging jobs) gets a line of its own with its inline label instead of a repeated group.
     */
    private void persistent(String jobId, String line) {
        erase();
        if (jobId != null && grouped) {
            String component = Labels.component(jobId);
            if (returning(jobId)) {
                currentComponent = null;
                out.println("  " + line);
            } else {
                if (!component.equals(currentComponent)) {
                    currentComponent = component;
                    headed.add(component);
                    out.println();
                    out.println("  " + terminal.bold("● " + component));
                }
                out.println("    " + line);
            }
        } else {
            out.println("  " + line);
        }
        draw();
        out.flush();
    }

    private void redraw() {
        if (!terminal.live()) {
            return;
        }
        erase();
        draw();
        out.flush();
    }

    private void draw() {
        if (!terminal.live() || total == 0) {
            return;
        }
        Instant now = Instant.now();
        List<String> lines = new ArrayList<>();
        List<String> held = groups.live();
        if (held.size() > MAX_HELD_ROWS) {
            lines.add(terminal.dim("  … " + (held.size() - MAX_HELD_ROWS) + " more lines"));
            held = held.subList(held.size() - MAX_HELD_ROWS, held.size());
        }
        held.forEach(line -> lines.add("  " + line));
        lines.add("");
        int shown = 0;
        for (Map.Entry<String, Instant> job : running.entrySet()) {
            if (shown++ == MAX_LIVE_ROWS) {
                lines.add(terminal.dim("    + " + (running.size() - MAX_LIVE_ROWS) + " more running"));
                break;
            }
            lines.add("    " + terminal.yellow("●") + " " + Labels.inline(job.getKey()) + "  "
                    + terminal.dim(Durations.format(Duration.between(job.getValue(), now))));
        }
        int queued = Math.max(0, total - done - running.size());
        lines.add("  " + done + "/" + total + " done  ·  " + running.size() + " running  ·  "
                + queued + " queued  ·  " + Durations.format(Duration.between(started, now)));
        lines.forEach(out::println);
        liveLines = lines.size();
    }

    private void erase() {
        if (liveLines > 0) {
            out.print("\u001b[" + liveLines + "A\u001b[J");
            liveLines = 0;
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    @Override
    public synchronized void close() {
        stopTicker();
        erase();
        out.flush();
    }
}
