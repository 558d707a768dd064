package dev.orun.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.state.Status;
import dev.orun.exec.ExecutionResult;
import dev.orun.exec.ExecutionResult.JobResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands the end-of-run block prints are the ones that find the run again. */
class SummaryRendererTest {

    private static final ExecutionResult FAILED = new ExecutionResult("shop-1", "sha256:ab", "shop", "local", 1,
            Status.FAILED, Duration.ofSeconds(2), List.of(new JobResult("api@dev.build", "build", "api", "dev",
            Status.FAILED, Duration.ofSeconds(1), "step compile exited 1", false, "compile",
            List.of("boom"), List.of())));

    private static String render(java.util.function.Function<PrintStream, SummaryRenderer> factory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        factory.apply(out).render(FAILED);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aLocalRunPointsAtPlainStatusLogsAndResumeCommands() {
        String text = render(out -> new SummaryRenderer(out, Terminal.plain()));

        assertThat(text).contains("status  orun status --exec-id shop-1\n")
                .contains("resume  orun run --exec-id shop-1 ")
                .contains("logs  orun logs --exec-id shop-1 --job api@dev.build\n");
    }

    @Test
    void aRemoteRunsCommandsCarryTheFlagsThatFindItOnTheServer() {
        String flags = " --remote-state --backend-url http://127.0.0.1:9/";

        String text = render(out -> new SummaryRenderer(out, Terminal.plain(), flags));

        assertThat(text).contains("status  orun status" + flags + " --exec-id shop-1\n")
                .contains("resume  orun run" + flags + " --exec-id shop-1 ")
                .contains("logs  orun logs" + flags + " --exec-id shop-1 --job api@dev.build\n");
    }
}
