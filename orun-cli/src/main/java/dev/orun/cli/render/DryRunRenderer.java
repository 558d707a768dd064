package dev.orun.cli.render;

import dev.orun.exec.DryRunReport;
import java.io.PrintStream;

/** {@code --dry-run}: the execution order and how each job and step would run. */
public final class DryRunRenderer {

    private final PrintStream out;
    private final Terminal terminal;

    public DryRunRenderer(PrintStream out, Terminal terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void render(DryRunReport report) {
        out.println();
        out.println(terminal.bold("▲ orun run --dry-run") + "  plan " + shortChecksum(report)
                + "  ·  " + Words.count(report.jobs().size(), "job") + "  ·  runner " + report.runner()
                + "  ·  concurrency " + report.concurrency() + " (components "
                + (report.componentConcurrency() == 0 ? "unlimited" : report.componentConcurrency())
                + ")  ·  fail-fast " + (report.failFast() ? "on" : "off") + "  ·  isolation "
                + (report.isolation() ? "on" : "off"));
        if (report.isolationNote() != null) {
            out.println("  " + terminal.dim(report.isolationNote()));
        }
        int index = 0;
        for (DryRunReport.Job job : report.jobs()) {
            index++;
            out.println();
            out.println(String.format("  %d. %s", index, terminal.bold(job.id())));
            if (!job.dependsOn().isEmpty()) {
                out.println("     after   " + String.join(", ", job.dependsOn()));
            }
            out.println("     cwd     " + job.workingDirectory());
            for (String line : job.runnerLines()) {
                out.println("     " + terminal.dim(line));
            }
            if (job.timeout() != null || job.retries() > 0) {
                out.println("     job     timeout " + (job.timeout() == null ? "none" : job.timeout())
                        + "  ·  retries " + job.retries());
            }
            for (DryRunReport.Step step : job.steps()) {
                StringBuilder line = new StringBuilder("     ")
                        .append(String.format("%-5s", step.phase())).append(" ")
                        .append(step.id()).append("  ").append(terminal.dim(step.kind() + ": "
                                + firstLine(step.command())));
                if (step.timeout() != null) {
                    line.append("  timeout ").append(step.timeout());
                }
                if (step.retries() > 0) {
                    line.append("  retries ").append(step.retries());
                }
                if (step.shell() != null) {
                    line.append("  shell ").append(step.shell());
                }
                if (step.continueOnFailure()) {
                    line.append("  onFailure continue");
                }
                if (!step.workingDirectory().equals(job.workingDirectory())) {
                    line.append("  in ").append(step.workingDirectory());
                }
                out.println(line);
            }
        }
        out.println();
        out.println(terminal.bold("◌ Preview") + "  ·  " + report.jobs().size()
                + " selected  ·  nothing was run or written");
        out.flush();
    }

    private static String shortChecksum(DryRunReport report) {
        String checksum = report.planChecksum() == null ? "" : report.planChecksum();
        checksum = checksum.startsWith("sha256-") ? checksum.substring(7) : checksum;
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " …";
    }
}
