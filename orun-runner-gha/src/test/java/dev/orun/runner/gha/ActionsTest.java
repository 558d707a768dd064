package dev.orun.runner.gha;

import static dev.orun.runner.gha.JobHarness.job;
import static dev.orun.runner.gha.JobHarness.run;
import static dev.orun.runner.gha.JobHarness.use;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orun.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code use:} steps with real action directories: composite, node, docker, cached remote. */
class ActionsTest {

    @TempDir
    Path workspace;
    @TempDir
    Path cache;

    private void write(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void aCompositeActionUsesAnotherLocalActionAndPassesItsOutputsUp() throws Exception {
        write("actions/shout/action.yml", """
                name: shout
                inputs:
                  word: {required: true}
                outputs:
                  loud: {value: "${{ steps.up.outputs.loud }}"}
                runs:
                  using: composite
                  steps:
                    - id: up
                      shell: sh
                      run: echo "loud=$(echo '${{ inputs.word }}' | tr a-z A-Z)!" >> "$GITHUB_OUTPUT"
                """);
        write("actions/greet/action.yml", """
                name: greet
                inputs:
                  who: {default: world}
                outputs:
                  greeting: {value: "${{ steps.say.outputs.text }}"}
                runs:
                  using: composite
                  steps:
                    - id: loud
                      uses: ./actions/shout
                      with: {word: "${{ inputs.who }}"}
                    - id: say
                      shell: bash
                      run: |
                        echo "text=hello ${{ steps.loud.outputs.loud }}" >> "$GITHUB_OUTPUT"
                        echo "action path ends with $(basename "$GITHUB_ACTION_PATH")"
                    - if: failure()
                      shell: sh
                      run: echo never
                """);
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                use("greet", "./actions/greet", Map.of("who", "orun")),
                run("show", "echo \"got: ${{ steps.greet.outputs.greeting }}\"")));
        assertThat(h.results.get("greet").outputs()).containsEntry("greeting", "hello ORUN!");
        assertThat(h.output.get("greet")).contains("action path ends with greet")
                .doesNotContain("never");
        assertThat(h.output.get("show")).isEqualTo("got: hello ORUN!\n");
    }

    @Test
    void aNode20ActionReadsInputsWritesOutputsRunsInTheWorkspaceAndItsPostStageRunsLast()
            throws Exception {
        assumeTrue(onPath("node"), "node is not installed");
        write("actions/count/action.yml", """
                name: count
                inputs:
                  file-name: {required: true}
                  times: {default: '2'}
                outputs:
                  lines: {description: counted lines}
                runs:
                  using: node20
                  main: main.js
                  post: post.js
                """);
        write("actions/count/main.js", """
                const fs = require('fs');
                const name = process.env['INPUT_FILE-NAME'];
                const times = Number(process.env.INPUT_TIMES);
                const lines = fs.readFileSync(name, 'utf8').trim().split('\\n').length * times;
                fs.appendFileSync(process.env.GITHUB_OUTPUT, `lines=${lines}\\n`);
                fs.appendFileSync(process.env.GITHUB_STATE, `started=yes\\n`);
                console.log(`cwd is workspace: ${process.cwd() === process.env.GITHUB_WORKSPACE}`);
                """);
        write("actions/count/post.js", "console.log(`post ran, state ${process.env.STATE_started}`);\n");
        write("data.txt", "a\nb\nc\n");
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                use("count", "./actions/count", Map.of("file-name", "data.txt")),
                run("after", "echo lines=${{ steps.count.outputs.lines }}")));
        assertThat(h.results.get("count").outputs()).containsEntry("lines", "6");
        assertThat(h.output.get("count")).contains("cwd is workspace: true");
        assertThat(h.output.get("after")).contains("lines=6");
        assertThat(h.output.get("post-actions")).contains("post ran, state yes");
        assertThat(h.results.get("post-actions").succeeded()).isTrue();
    }

    @Test
    void aMissingRequiredInputFailsTheStepNamingIt() throws Exception {
        write("actions/needy/action.yml", """
                inputs: {token: {required: true}}
                runs: {using: composite, steps: [{shell: sh, run: 'true'}]}
                """);
        JobHarness h = new JobHarness(workspace, cache).runJob(job(use("needy", "./actions/needy", Map.of())));
        assertThat(h.results.get("needy").error()).contains("required input \"token\" is missing");
    }

    @Test
    void aRemoteActionRunsFromThePreSeededCacheWithoutAnyNetwork(@TempDir Path checkout)
            throws Exception {
        Files.writeString(checkout.resolve("action.yml"), """
                name: hello
                inputs: {name: {default: cache}}
                outputs: {said: {value: "${{ steps.s.outputs.said }}"}}
                runs:
                  using: composite
                  steps:
                    - id: s
                      shell: sh
                      run: echo "said=hi ${{ inputs.name }} from $GITHUB_ACTION_REPOSITORY@$GITHUB_ACTION_REF in ${{ github.action_path }}" >> "$GITHUB_OUTPUT"
                """);
        Path cached = new ActionCache(cache).importDirectory(checkout, ActionRef.parse("acme/hello@v1"));
        assertThat(cached).startsWith(cache.resolve("acme/hello"));
        JobHarness h = new JobHarness(workspace, cache).runJob(job(
                use("hello", "acme/hello@v1", Map.of("name", "there"))));
        assertThat(h.results.get("hello").outputs())
                .containsEntry("said", "hi there from acme/hello@v1 in " + cached);
        assertThat(h.results.get("hello").succeeded()).isTrue();
    }

    @Test
    void checkoutWithAnEmptyCacheAndNoNetworkFailsBeforeAnyStepWithHowToSeedTheCache() {
        JobHarness h = new JobHarness(workspace, cache);
        long started = System.nanoTime();
        assertThatThrownBy(() -> h.runJob(job(run("first", "echo ran > ran.txt"),
                use("checkout", "actions/checkout@v4", Map.of()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("job app@dev.build, step checkout")
                .hasMessageContaining("cannot fetch actions/checkout@v4")
                .hasMessageContaining("orun actions import DIR actions/checkout@v4");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(workspace.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void anUnsupportedActionKindFailsBeforeAnyStepNamingTheStep() throws Exception {
        write("actions/old/action.yml", "runs: {using: node8, main: x.js}\n");
        assertThatThrownBy(() -> new JobHarness(workspace, cache).runJob(job(
                use("legacy", "./actions/old", Map.of()))))
                .hasMessageContaining("step legacy").hasMessageContaining("unsupported runs.using \"node8\"");
    }

    @Test
    void aDockerActionRunsOnTheLocallyImportedBusyboxImage() throws Exception {
        assumeTrue(dockerImagePresent("orun-test/busybox:latest"),
                "no Docker engine or no orun-test/busybox:latest (scripts/docker-test-image.sh builds it)");
        write("actions/box/action.yml", """
                name: box
                inputs: {who: {default: nobody}}
                runs:
                  using: docker
                  image: docker://orun-test/busybox:latest
                  entrypoint: sh
                  args: ["-c", "echo in-container $INPUT_WHO $(pwd); echo from=busybox >> $GITHUB_OUTPUT"]
                """);
        JobHarness h = new JobHarness(workspace, cache);
        h.host.put("SECRET_ON_HOST", "must-not-leak");
        h.runJob(job(use("box", "./actions/box", Map.of("who", "tester")),
                run("after", "echo ${{ steps.box.outputs.from }}")));
        assertThat(h.output.get("box")).contains("in-container tester /github/workspace");
        assertThat(h.results.get("box").outputs()).containsEntry("from", "busybox");
        assertThat(h.output.get("after")).contains("busybox");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean dockerImagePresent(String image) {
        if (!onPath("docker")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("docker", "image", "inspect", image)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
