package dev.orun.runner.gha.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub's shell templates, with the program looked up on the step's PATH once. */
class ShellCommandTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultShellIsBashWhenPathHasItAndIsResolvedToItsAbsolutePathStillRunningInline()
            throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path bash = Files.writeString(bin.resolve("bash"), "#!/bin/sh\n");
        bash.toFile().setExecutable(true);
        Map<String, String> env = Map.of("PATH", dir.resolve("missing") + ":" + bin);
        ShellCommand command = ShellCommand.of(null, env).resolved(env);
        assertThat(command.inline()).isTrue();
        assertThat(command.inlineCommand("echo hi")).containsExactly(bash.toString(),
                "--noprofile", "--norc", "-eo", "pipefail", "-c", "echo hi");
    }

    @Test
    void withoutBashTheDefaultIsShAndAProgramNotOnPathIsLeftForTheStartToReport() {
        Map<String, String> env = Map.of("PATH", dir.toString());
        assertThat(ShellCommand.of(null, env).resolved(env).template())
                .containsExactly("sh", "-e", "{0}");
        assertThat(ShellCommand.of("perl {0}", env).resolved(env).command(Path.of("/s.pl")))
                .isEqualTo(List.of("perl", "/s.pl"));
    }
}
