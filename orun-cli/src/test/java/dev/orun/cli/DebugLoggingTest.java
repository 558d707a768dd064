package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ORUN_DEBUG=1} shows the libraries' debug messages; without it they stay quiet. */
class DebugLoggingTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        Logger orun = Logger.getLogger("dev.orun");
        for (Handler handler : orun.getHandlers()) {
            orun.removeHandler(handler);
        }
        orun.setLevel(null);
        orun.setUseParentHandlers(true);
    }

    private static String debugOutput(Map<String, String> environment) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Main.newCommandLine(CliEnvironment.of(environment));
        System.getLogger("dev.orun.exec.internal.JobExecution")
                .log(System.Logger.Level.DEBUG, "a detail only a debugger wants");
        System.err.flush();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void orunDebugPrintsLibraryDebugMessagesOnStderr() {
        assertThat(debugOutput(Map.of("ORUN_DEBUG", "1")))
                .contains("orun debug:", "a detail only a debugger wants");
    }

    @Test
    void withoutOrunDebugDebugMessagesAreNotPrinted() {
        assertThat(debugOutput(Map.of())).doesNotContain("a detail only a debugger wants");
    }
}
