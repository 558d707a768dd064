package dev.orun.runner.gha.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.runner.Masker;
import dev.orun.core.runner.OutputGroups;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code ::group::} / {@code ::endgroup::}: the title and indented lines go to the step's output,
 * and an output that shows groups is told where each starts and ends, in line order.
 */
class StepCommandsGroupsTest {

    /** Writes a marker into the text where the group calls arrive, to check their order. */
    private static final class Recording extends ByteArrayOutputStream implements OutputGroups {
        @Override
        public void groupStarted(String title) {
            writeBytes(("[start " + title + "]\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void groupEnded() {
            writeBytes("[end]\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void groupsAreIndentedAndAnnouncedAroundTheirLinesAndAStrayEndgroupIsIgnored() {
        Recording out = new Recording();
        StepCommands commands = new StepCommands(out, new Masker());
        for (String line : new String[] {"before", "::group::Compile", "inside",
                "::group::Nested", "deep", "::endgroup::", "::endgroup::", "::endgroup::", "after"}) {
            commands.accept((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                before
                [start Compile]
                ▸ Compile
                  inside
                [start Nested]
                  ▸ Nested
                    deep
                [end]
                [end]
                after
                """);
    }

    @Test
    void aPlainOutputStreamStillGetsTheTitleAndIndentedLines() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StepCommands commands = new StepCommands(out, new Masker());
        for (String line : new String[] {"::group::Test", "ok", "::endgroup::", "done"}) {
            commands.accept((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("▸ Test\n  ok\ndone\n");
    }
}
