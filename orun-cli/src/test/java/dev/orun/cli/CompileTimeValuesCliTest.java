package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value the engine would only parse when the job runs ({@code timeout: 5 minutes}) used to pass
 * {@code validate} and {@code plan} and then fail a job after others had run. Now every command
 * refuses it before anything runs: one line with file and line, exit 2, nothing written.
 */
class CompileTimeValuesCliTest {

    @TempDir
    Path root;

    @Test
    void aTimeoutInWordsStopsValidatePlanAndRunBeforeAnyJobRuns() throws IOException {
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "echo db >> " + root.resolve("ran.txt"))
                .component("api", "echo api >> " + root.resolve("ran.txt"), "db")
                .write();
        Path composition = root.resolve("stack/compositions/shell/compositions.yaml");
        String text = Files.readString(composition);
        assertThat(text).contains("    - name: build\n");
        Files.writeString(composition, text.replace("    - name: build\n", "    - name: build\n      timeout: 5 minutes\n"));
        String intent = ws.intent().toString();

        for (String command : new String[] {"validate", "plan", "run"}) {
            Cli cli = Cli.run(command, "-i", intent);

            assertThat(cli.exitCode()).as(command).isEqualTo(2);
            assertThat(cli.err().strip()).as(command).matches(
                    "(orun: )?stack/compositions/shell/compositions\\.yaml:[0-9]+: timeout: invalid duration \"5 minutes\" .*")
                    .doesNotContain("\n");
        }
        assertThat(root.resolve("ran.txt")).doesNotExist();
        assertThat(root.resolve(".orun")).doesNotExist();
    }
}
