package dev.orun.exec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.runner.Masker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sink tells listeners where output groups start and end, between the right lines. */
class StepOutputSinkGroupsTest {

    @Test
    void groupEventsArriveBetweenTheLinesTheyEncloseWithTheTitleMasked() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> seen = new ArrayList<>();
        Masker masker = new Masker();
        masker.add("s3cret");
        StepOutputSink sink = new StepOutputSink(() -> log, event -> {
            if (event instanceof ProgressEvent.StepOutput line) {
                seen.add(line.line());
            } else if (event instanceof ProgressEvent.OutputGroup group) {
                seen.add(group.opened() ? "<open " + group.title() + ">" : "<close>");
            }
        }, "job", "step", masker);
        sink.write("partial ".getBytes(StandardCharsets.UTF_8));
        sink.groupStarted("Deploy s3cret");
        sink.write("▸ Deploy ***\n  inside\n".getBytes(StandardCharsets.UTF_8));
        sink.groupEnded();
        sink.write("after\n".getBytes(StandardCharsets.UTF_8));
        sink.close();
        assertThat(seen).containsExactly("partial ", "<open Deploy ***>", "▸ Deploy ***",
                "  inside", "<close>", "after");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .isEqualTo("partial ▸ Deploy ***\n  inside\nafter\n");
    }
}
