package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile component name and parameter value, run through real shells by the local runner:
 * the documented patterns ({@code shellquote} in templates, a double-quoted {@code $ORUN_*}
 * variable) print them as text; the unquoted template shows the risk they guard against.
 */
class ShellQuotingCliTest {

    @TempDir
    Path root;

    /** Outside the workspace, so a file planted by a step survives workspace isolation. */
    @TempDir
    Path outside;

    private String name() {
        return "$(touch " + outside.resolve("pwned-by-name") + ")";
    }

    private String message() {
        return "x\"; touch " + outside.resolve("pwned-by-parameter") + "; echo \"";
    }

    private void workspace(String... steps) throws IOException {
        write("intent.yaml", String.join("\n", "apiVersion: sourceplane.io/v1", "kind: Intent",
                "metadata: {name: hostile}", "compositions:", "  sources: [{name: local, kind: dir, path: ./stack}]",
                "discovery: {roots: [services]}", "environments:", "  dev: {}", ""));
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: s, version: 0.1.0}\n");
        StringBuilder composition = new StringBuilder(String.join("\n", "apiVersion: sourceplane.io/v1alpha1",
                "kind: Composition", "metadata: {name: shell}", "spec:", "  type: shell", "  defaultJob: build",
                "  parameterSchema: {type: object}", "  jobs:", "    - name: build", "      steps:", ""));
        for (int i = 0; i < steps.length; i++) {
            composition.append("        - name: s").append(i).append("\n          run: ")
                    .append(yamlQuote(steps[i])).append("\n");
        }
        write("stack/compositions/shell/compositions.yaml", composition.toString());
        write("services/evil/component.yaml", String.join("\n", "kind: Component",
                "metadata: {name: " + yamlQuote(name()) + "}", "spec:", "  type: shell",
                "  subscribe: {environments: [dev]}", "  parameters: {msg: " + yamlQuote(message()) + "}", ""));
    }

    @Test
    void theDocumentedPatternsPrintHostileValuesAndRunNothingFromThem() throws IOException {
        workspace("echo {{ .orun.component.name | shellquote }} {{ .parameters.msg | shellquote }}",
                "echo \"$ORUN_COMPONENT\"");

        Cli cli = Cli.run("run", "-i", root.resolve("intent.yaml").toString(), "--verbose");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).contains(name() + " " + message());
        assertThat(cli.err()).contains("warning: component name \"" + name() + "\" is outside the safe set");
        assertThat(planted()).isEmpty();
    }

    @Test
    void strictRefusesANameOutsideTheSafeSetBeforeAnythingRuns() throws IOException {
        workspace("echo {{ .orun.component.name | shellquote }}");

        Cli cli = Cli.run("run", "-i", root.resolve("intent.yaml").toString(), "--strict");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(root.resolve(".orun")).doesNotExist();
    }

    @Test
    void withoutQuotingTheSameValuesRunCommandsWhichIsWhyTheReadmeWarns() throws IOException {
        workspace("echo {{ .orun.component.name }}", "echo \"{{ .parameters.msg }}\"");

        Cli cli = Cli.run("run", "-i", root.resolve("intent.yaml").toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(planted()).containsExactlyInAnyOrder("pwned-by-name", "pwned-by-parameter");
    }

    private List<String> planted() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(root), Files.walk(outside))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("pwned-")).toList();
        }
    }

    private static String yamlQuote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
