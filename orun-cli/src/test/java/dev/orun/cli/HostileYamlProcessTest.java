package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile YAML against the real command in its own JVM with a 64 MB heap: each file is refused with
 * one line naming the file and line and exit 2 — no OutOfMemoryError, no StackOverflowError, no
 * stack trace, nothing written. The wait is a generous guard against a hang, not a measurement.
 */
class HostileYamlProcessTest {

    @TempDir
    Path root;

    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("    a: &a [lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String names = "abcdefghi";
        for (int level = 1; level < names.length(); level++) {
            String previous = "*" + names.charAt(level - 1);
            yaml.append("    ").append(names.charAt(level)).append(": &").append(names.charAt(level)).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(8, previous))).append("]\n");
        }
        return yaml.toString();
    }

    private String validate(String componentYaml) throws IOException, InterruptedException {
        new TestWorkspace(root).component("api", "echo api").write();
        Files.writeString(root.resolve("services/api/component.yaml"), componentYaml);
        Path output = root.resolve("../" + root.getFileName() + "-output.txt");
        Process process = OrunProcess.start(root, output, List.of("-Xmx64m"), "validate", "-i",
                root.resolve("intent.yaml").toString());
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("orun validate finished").isTrue();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        assertThat(process.exitValue()).as(text).isEqualTo(2);
        assertThat(text.strip()).doesNotContain("\n").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(root.resolve(".orun")).doesNotExist();
        return text.strip();
    }

    private static String component(String parameters) {
        return "kind: Component\nmetadata: {name: api}\nspec:\n  type: shell\n  subscribe: {environments: [dev]}\n"
                + "  parameters:\n" + parameters;
    }

    @Test
    void anAliasBombIsRefused() throws Exception {
        assertThat(validate(component("    script: echo\n" + aliasBomb())))
                .matches(".*services/api/component\\.yaml:[0-9]+: aliases expand this document beyond 100000 nodes");
    }

    @Test
    void aRecursiveAliasIsRefused() throws Exception {
        assertThat(validate(component("    script: echo\n    loop: &x [a, *x]\n")))
                .matches(".*services/api/component\\.yaml:8: recursive alias: anchor &x contains an alias to itself");
    }

    @Test
    void twentyThousandLevelsOfNestingAreRefused() throws Exception {
        assertThat(validate(component("    script: echo\n    deep: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n")))
                .matches(".*services/api/component\\.yaml:8: nesting deeper than 200 levels");
    }

    @Test
    void aTenMegabyteSingleLineFileIsRefused() throws Exception {
        assertThat(validate(component("    script: \"" + "x".repeat(10 * 1024 * 1024) + "\"\n")))
                .matches(".*services/api/component\\.yaml:7: file is larger than 2 MiB, the most orun reads from one YAML file");
    }
}
