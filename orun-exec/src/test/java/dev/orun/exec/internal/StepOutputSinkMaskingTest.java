package dev.orun.exec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.runner.Masker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The step output sink applies the job's masker to the log and to every line listeners see. */
class StepOutputSinkMaskingTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final Masker masker = new Masker();
    private final StepOutputSink sink = new StepOutputSink(() -> log,
            event -> lines.add(((ProgressEvent.StepOutput) event).line()), "job", "step", masker);

    private void write(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, 0, bytes.length);
    }

    @Test
    void linesAfterAValueIsMaskedHideItInTheLogAndForListenersAndEarlierOnesAreFlaggedForRemasking()
            throws Exception {
        write("before: p4ss-word\n");
        assertThat(sink.logNeedsMasking()).isFalse();
        masker.add("p4ss-word");
        assertThat(sink.logNeedsMasking()).as("the raw line holds a value masked since").isTrue();
        write("after: p4ss-word and ");
        write("again p4ss-");
        write("word\nlast line p4ss-word");
        sink.close();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("before: p4ss-word\n"
                + "after: *** and again ***\nlast line ***");
        assertThat(lines).containsExactly("before: p4ss-word", "after: *** and again ***",
                "last line ***");
        assertThat(sink.tail()).containsExactly("before: ***", "after: *** and again ***",
                "last line ***");
    }

    @Test
    void aLogWrittenOnlyWithEveryMaskKnownNeedsNoSecondPass() throws Exception {
        masker.add("p4ss-word");
        write("p4ss-word\n");
        sink.close();
        assertThat(sink.hasLog()).isTrue();
        assertThat(sink.logNeedsMasking()).isFalse();
        masker.add("other");
        assertThat(sink.logNeedsMasking()).isTrue();
    }

    @Test
    void withoutMasksBytesReachTheLogUnchangedIncludingAPartialLastLine() throws Exception {
        write("plain\r\nno newline at end");
        sink.close();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("plain\r\nno newline at end");
        assertThat(lines).containsExactly("plain", "no newline at end");
    }
}
