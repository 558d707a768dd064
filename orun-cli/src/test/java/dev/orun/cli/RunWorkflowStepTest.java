package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 12: a {@code workflow:} step is planned like the Go planner plans it
 * (go-orun-plan.md §3.3), but runs only in the Go orun's in-process flow engine
 * (go-orun-run.md §2.5), which this orun does not have. {@code orun run} refuses the plan before
 * any job starts — no stub, no silent skip — and the dry run shows the step with that note.
 */
class RunWorkflowStepTest {

    @TempDir
    Path root;

    private void writeWorkspace(Path marker) throws Exception {
        write("intent.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: flows}
                compositions:
                  sources: [{name: local, kind: dir, path: ./stack}]
                environments:
                  dev: {selectors: {components: ["*"]}}
                components:
                  - {name: api, type: shell}
                """);
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: s}\n");
        write("stack/shell/compositions.yaml", """
                apiVersion: sourceplane.io/v1alpha1
                kind: Composition
                metadata: {name: shell}
                spec:
                  type: shell
                  defaultJob: deploy
                  parameterSchema: {type: object}
                  jobs:
                    - name: deploy
                      steps:
                        - {name: build, run: "touch %s"}
                        - {name: notify, workflow: flows/notify.yaml, connections: {chat: ops}}
                """.formatted(marker));
        write("flows/notify.yaml", "kind: Workflow\nname: notify\n");
    }

    @Test
    void orunRunRefusesAWorkflowStepBeforeAnyJobStartsWithExitTwo() throws Exception {
        Path marker = root.resolve("build-ran");
        writeWorkspace(marker);
        Path output = root.resolve("out.txt");

        Process orun = OrunProcess.start(root, output, "run", "--runner", "local");

        assertThat(orun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(output).strip();
        assertThat(orun.exitValue()).as(out).isEqualTo(2);
        assertThat(out.lines().filter(line -> !line.startsWith("SLF4J"))).singleElement().asString()
                .contains("job api@dev.deploy, step notify")
                .contains("workflow: flows/notify.yaml")
                .contains("workflow steps need the Go orun's flow engine");
        assertThat(marker).as("the step before the workflow step never ran").doesNotExist();
    }

    @Test
    void theDryRunShowsTheWorkflowStepWithTheNote() throws Exception {
        writeWorkspace(root.resolve("build-ran"));

        Cli cli = Cli.run("run", "-i", root.resolve("intent.yaml").toString(), "--dry-run");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("notify  workflow: flows/notify.yaml")
                .contains("workflow steps need the Go orun's flow engine");
    }

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
