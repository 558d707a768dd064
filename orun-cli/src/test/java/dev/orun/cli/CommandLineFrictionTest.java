package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small things a new user trips over on the command line: -i placement, typos, completion. */
class CommandLineFrictionTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void theIntentOptionIsAcceptedBeforeTheCommandAsWellAsAfterIt() {
        String intent = EXAMPLES.resolve("intent.yaml").toString();

        Cli before = Cli.run("-i", intent, "validate");
        Cli after = Cli.run("validate", "-i", intent);

        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).isEqualTo(after.out()).isNotEmpty();
        assertThat(Cli.run("--intent", tmp.resolve("missing.yaml").toString(), "validate").exitCode())
                .as("the root -i really is the one used").isEqualTo(2);
    }

    @Test
    void aMistypedCommandSuggestsTheCommandMeant() {
        Cli typo = Cli.run("rnu");

        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("orun: unknown command 'rnu'; did you mean 'run'?");
        assertThat(Cli.run("stauts").err()).contains("did you mean 'status'?");
        assertThat(Cli.run("xyzzy").err()).startsWith("orun: unknown command 'xyzzy'\n");
    }

    @Test
    void completionAsksTheLauncherTheUserTypedAndCompletesWorkspaceNames() throws Exception {
        Path ws = TestTrees.copy(EXAMPLES, tmp.resolve("ws"));
        Path launcher = ws.resolve("bin/orun");
        Files.createDirectories(launcher.getParent());
        Files.writeString(launcher, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = Files.writeString(tmp.resolve("completion.bash"), Cli.run("generate-completion").out());

        assertThat(complete(ws, script, "bin/orun", "ru")).containsExactly("run");
        assertThat(complete(ws, script, "bin/orun", "run", "w")).containsExactly("web");
        assertThat(complete(ws, script, "bin/orun", "run", "--component", "a")).containsExactly("api", "auth");
        assertThat(complete(ws, script, "bin/orun", "run", "--runner", "")).contains("docker", "local");
        assertThat(complete(ws, script, "bin/orun", "run", "--job", "api@st"))
                .containsExactly("api@staging.build", "api@staging.deploy");
        assertThat(complete(ws, script, "bin/orun", "run", "--co")).contains("--concurrency", "--component", "--component-concurrency");

        Cli.run("plan", "-i", ws.resolve("intent.yaml").toString(), "--env", "staging", "--name", "stg");
        assertThat(complete(ws, script, "bin/orun", "plan", "show", "st")).containsExactly("stg");
        assertThat(complete(ws, script, "bin/orun", "run", "s")).containsExactly("stg");
        assertThat(complete(ws, script, "bin/orun", "s")).containsExactly("status");
    }

    /** Sources the script into bash, fills COMP_WORDS as bash would and calls the function bound to orun. */
    private static List<String> complete(Path cwd, Path script, String... words) throws Exception {
        String bash = "source '" + script + "'\n"
                + "spec=$(complete -p orun) || exit 9\n"
                + "fn=${spec#*-F }; fn=${fn%% *}\n"
                + "COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1))\n"
                + "$fn\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        List<String> command = new java.util.ArrayList<>(List.of("bash", "-c", bash, "bash"));
        command.addAll(List.of(words));
        Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().filter(line -> !line.isEmpty()).sorted().toList();
    }
}
