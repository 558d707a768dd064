package dev.orun.cli.render;

import dev.orun.core.Durations;
import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.ExecutionResult.JobResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The end-of-run block: the outcome and counts, then for each failed job the failing step, its
 * last output lines and the {@code orun logs} command that shows everything.
 */
public final class SummaryRenderer {

    private final PrintStream out;
    private final Terminal terminal;
    private final String stateFlags;

    /** A summary for a run on local records. */
    public SummaryRenderer(PrintStream out, Terminal terminal) {
        this(out, terminal, "");
    }

    /**
     * @param stateFlags what the printed {@code orun status}/{@code logs}/{@code run} commands need
     *                   to find the run (e.g. {@code " --remote-state"}), with a leading space, or {@code ""}
     */
    public SummaryRenderer(PrintStream out, Terminal terminal, String stateFlags) {
        this.out = out;
        this.terminal = terminal;
        this.stateFlags = stateFlags;
    }

    public void render(ExecutionResult result) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        int cached = 0;
        for (JobResult job : result.jobs()) {
            if (job.reused() && job.status() == Status.SUCCEEDED) {
                cached++;
            } else {
                counts.merge(job.status(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        addCount(parts, counts, Status.SUCCEEDED, "succeeded");
        if (cached > 0) {
            parts.add(cached + " cached");
        }
        addCount(parts, counts, Status.FAILED, "failed");
        addCount(parts, counts, Status.SKIPPED, "skipped");
        addCount(parts, counts, Status.CANCELLED, "cancelled");
        String took = Durations.format(result.duration());
        String title = switch (result.status()) {
            case SUCCEEDED -> terminal.green(terminal.bold("✓ Done in " + took));
            case CANCELLED -> terminal.yellow(terminal.bold("⊘ Interrupted after " + took));
            default -> terminal.red(terminal.bold("✗ Failed in " + took));
        };
        out.println();
        out.println(title + "  ·  " + String.join(" · ", parts));
        annotations(result);
        for (JobResult job : result.jobs()) {
            if (job.status() == Status.FAILED && !job.reused()) {
                failure(result, job);
            }
        }
        out.println();
        out.println("  " + terminal.dim("status") + "  orun status" + stateFlags + " --exec-id " + result.execId());
        if (result.status() == Status.CANCELLED || result.status() == Status.FAILED) {
            out.println("  " + terminal.dim("resume") + "  orun run" + stateFlags + " --exec-id " + result.execId()
                    + "   (re-runs only what did not succeed)");
        }
        out.flush();
    }

    /** After a run with {@code --keep-workspaces}: where to find what was kept. */
    public void kept(ExecutionResult result) {
        out.println("  " + terminal.dim("kept") + "    staged workspaces (when isolation was on): .orun/workspaces/" + result.execId() + "/");
        if ("docker".equals(result.runner())) {
            out.println("  " + terminal.dim("kept") + "    containers (named in each job's log): docker ps -a "
                    + "--filter label=dev.orun.exec-id=" + result.execId());
        }
        out.flush();
    }

    /** Notices, warnings and errors steps raised (GitHub's annotations), with where and who. */
    private void annotations(ExecutionResult result) {
        boolean first = true;
        for (JobResult job : result.jobs()) {
            for (ExecutionResult.StepOutcome step : job.steps()) {
                for (dev.orun.core.state.Annotation a : step.annotations()) {
                    if (first) {
                        out.println();
                        first = false;
                    }
                    String level = switch (a.level()) {
                        case "error" -> terminal.red("error");
                        case "warning" -> terminal.yellow("warning");
                        default -> "notice";
                    };
                    String where = a.location().isEmpty() ? "" : a.location() + "  ";
                    String title = a.title() == null ? "" : a.title() + ": ";
                    out.println("  " + level + "  " + SafeText.of(where + title + a.message()) + "  "
                            + terminal.dim(Labels.inline(job.id()) + " › " + step.id()));
                }
            }
        }
    }

    private void failure(ExecutionResult result, JobResult job) {
        out.println();
        out.println("  " + terminal.red("✗ " + Labels.inline(job.id())) + "  " + SafeText.of(job.error()));
        if (!job.outputTail().isEmpty()) {
            for (String line : job.outputTail()) {
                out.println("      " + terminal.dim("│") + " " + SafeText.of(line));
            }
        }
        if (job.failedStep() != null) {
            out.println("      " + terminal.dim("logs") + "  orun logs" + stateFlags + " --exec-id " + result.execId()
                    + " --job " + job.id());
        }
    }

    private static void addCount(List<String> parts, Map<Status, Integer> counts, Status status,
                                 String word) {
        Integer count = counts.get(status);
        if (count != null && count > 0) {
            parts.add(count + " " + word);
        }
    }
}
