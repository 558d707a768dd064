package dev.orun.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.state.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ::group::} output with {@code --verbose}: on a live terminal a group is shown expanded
 * while it runs and collapsed to its title once it ends, unless its step fails; in plain output
 * the title and the indented lines are printed as they come.
 */
class CollapsibleGroupsRenderingTest {

    private static final String JOB = "web@dev.build";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private ProgressRenderer renderer(boolean live) {
        return new ProgressRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new Terminal(false, live), true, 0);
    }

    private void step(ProgressRenderer r, String step, Status status, String... lines) {
        r.onEvent(new ProgressEvent.StepStarted(t0, JOB, step));
        for (String line : lines) {
            if (line.startsWith("<open ")) {
                r.onEvent(new ProgressEvent.OutputGroup(t0, JOB, step,
                        line.substring(6, line.length() - 1), true));
            } else if (line.equals("<close>")) {
                r.onEvent(new ProgressEvent.OutputGroup(t0, JOB, step, null, false));
            } else {
                r.onEvent(new ProgressEvent.StepOutput(t0, JOB, step, line));
            }
        }
        r.onEvent(new ProgressEvent.StepFinished(t0, JOB, step, status, status == Status.FAILED ? 1 : 0,
                Duration.ZERO, status == Status.FAILED ? "exited with code 1" : null));
    }

    private void run(ProgressRenderer r) {
        r.onEvent(new ProgressEvent.RunStarted(t0, "e1", "p1", "github-actions", List.of(JOB), 1));
        r.onEvent(new ProgressEvent.JobStarted(t0, JOB, 1));
        step(r, "build", Status.SUCCEEDED, "before", "<open Compile>", "▸ Compile", "  cc a.c",
                "  cc b.c", "<close>", "after");
        step(r, "test", Status.FAILED, "<open Unit tests>", "▸ Unit tests", "  test 1 ok",
                "  test 2 FAILED", "<close>");
        r.onEvent(new ProgressEvent.JobFinished(t0, JOB, Status.FAILED, Duration.ZERO, "step test failed"));
        r.onEvent(new ProgressEvent.RunFinished(t0, "e1", Status.FAILED, Duration.ZERO));
        r.close();
    }

    /** What stays on screen: the output with every erased live block taken out. */
    private String screen() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        Matcher erase = Pattern.compile("\u001b\\[(\\d+)A\u001b\\[J").matcher(text);
        int from = 0;
        while (erase.find()) {
            addLines(lines, text.substring(from, erase.start()));
            int up = Integer.parseInt(erase.group(1));
            lines.subList(lines.size() - up, lines.size()).clear();
            from = erase.end();
        }
        addLines(lines, text.substring(from));
        return String.join("\n", lines);
    }

    private static void addLines(List<String> lines, String chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        String[] parts = chunk.split("\n", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            lines.add(parts[i]);
        }
    }

    @Test
    void onALiveTerminalAnEndedGroupCollapsesToItsTitleAndAFailedStepsGroupStaysExpanded() {
        run(renderer(true));
        String screen = screen();
        assertThat(screen).contains("web·dev/build │ before")
                .contains("web·dev/build │ ▸ Compile  (2 lines)")
                .doesNotContain("cc a.c").doesNotContain("cc b.c")
                .contains("web·dev/build │ after");
        assertThat(screen.indexOf("before")).isLessThan(screen.indexOf("▸ Compile"));
        assertThat(screen.indexOf("▸ Compile")).isLessThan(screen.indexOf("after"));
        assertThat(screen).contains("web·dev/build │ ▸ Unit tests\n")
                .contains("web·dev/build │   test 1 ok").contains("web·dev/build │   test 2 FAILED");
        // while the group ran, the live block showed its lines
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("web·dev/build │   cc b.c");
    }

    @Test
    void plainOutputPrintsTheTitleAndTheIndentedLinesAsTheyCome() {
        run(renderer(false));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("web·dev/build │ ▸ Compile\n  web·dev/build │   cc a.c\n"
                + "  web·dev/build │   cc b.c\n  web·dev/build │ after")
                .doesNotContain("(2 lines)");
    }
}
