package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orun run} on plans with GitHub-Actions steps, end to end through the CLI: runner
 * auto-selection, refusal on the local runner, masking in logs, console and {@code --json},
 * summaries and annotations in the records.
 */
class GhaRunCommandTest {

    private static final String SECRET = "hunter2-secret-value";

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** One component whose job uses a local composite action, then runs steps reading its output. */
    private String workspace(String lastStep) throws IOException {
        write("intent.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Intent
                metadata: {name: shop}
                compositions:
                  sources: [{name: local, kind: dir, path: ./stack}]
                discovery: {roots: [services]}
                environments:
                  dev: {}
                """);
        write("stack/stack.yaml", "apiVersion: orun.io/v1\nkind: Stack\nmetadata: {name: t, version: 0.1.0}\n");
        write("stack/compositions/app/compositions.yaml", """
                apiVersion: sourceplane.io/v1alpha1
                kind: Composition
                metadata: {name: app}
                spec:
                  type: app
                  defaultJob: build
                  parameterSchema: {type: object}
                  jobs:
                    - name: build
                      steps:
                        - id: early
                          run: |
                            echo "early: %s"
                            echo "early summary %s" >> "$GITHUB_STEP_SUMMARY"
                        - id: greet
                          use: ./actions/greet
                          with: {who: '{{.orun.component.name}}'}
                        - id: show
                          run: echo "greeting=${{ steps.greet.outputs.greeting }}"
                        - id: secret
                          run: |
                            echo "before: %s"
                            echo "::add-mask::%s"
                            echo "after: %s"
                            echo "### Deployed %s" >> "$GITHUB_STEP_SUMMARY"
                            echo "::warning file=app.txt,line=3::check the %s config"
                        - id: last
                          run: %s
                """.formatted(SECRET, SECRET, SECRET, SECRET, SECRET, SECRET, SECRET, lastStep));
        write("actions/greet/action.yml", """
                inputs: {who: {required: true}}
                outputs: {greeting: {value: "${{ steps.say.outputs.text }}"}}
                runs:
                  using: composite
                  steps:
                    - id: say
                      shell: sh
                      run: echo "text=hello ${{ inputs.who }}" >> "$GITHUB_OUTPUT"
                """);
        write("services/web/component.yaml", """
                apiVersion: sourceplane.io/v1
                kind: Component
                metadata: {name: web}
                spec: {type: app, subscribe: {environments: [dev]}}
                """);
        return root.resolve("intent.yaml").toString();
    }

    private String log(String execId, String step) throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve(".orun/executions/" + execId + "/logs"))) {
            Path file = files.filter(p -> p.getFileName().toString().equals(step + ".log"))
                    .findFirst().orElseThrow();
            return Files.readString(file);
        }
    }

    @Test
    void aPlanWithUseStepsPicksTheGithubActionsRunnerAndOutputsFlowBetweenSteps() throws IOException {
        String intent = workspace("echo done");
        Cli cli = Cli.run("run", "-i", intent, "--exec-id", "gha-1", "--verbose");
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        assertThat(log("gha-1", "show")).isEqualTo("greeting=hello web\n");
        Path metadata = root.resolve(".orun/executions/gha-1/metadata.json");
        assertThat(Files.readString(metadata)).contains("\"github-actions\"");
    }

    @Test
    void theLocalRunnerRefusesSuchAPlanBeforeAnythingRuns() throws IOException {
        String intent = workspace("touch ran.txt");
        Cli cli = Cli.run("run", "-i", intent, "--runner", "local", "--exec-id", "local-1");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("step greet uses a GitHub Action (use: ./actions/greet)")
                .contains("--gha");
        assertThat(root.resolve(".orun/executions/local-1")).doesNotExist();
        assertThat(root.resolve("services/web/ran.txt")).doesNotExist();
    }

    @Test
    void aMaskedValueNeverReachesStoredLogsRecordsJsonOrTheSummaryEvenWhenPrintedBeforeItsAddMask()
            throws IOException {
        String intent = workspace("'echo \"leak: " + SECRET + "\"; exit 1'");
        Cli plain = Cli.run("run", "-i", intent, "--exec-id", "mask-1");
        assertThat(plain.exitCode()).isEqualTo(1);
        // printed before ::add-mask:: (same step, and an earlier step): masked in the stored logs
        assertThat(log("mask-1", "secret")).isEqualTo("before: ***\nafter: ***\n"
                + "warning: check the *** config (app.txt:3)\n");
        assertThat(log("mask-1", "early")).isEqualTo("early: ***\n");
        assertThat(log("mask-1", "last")).isEqualTo("leak: ***\n");
        String state = Files.readString(root.resolve(".orun/executions/mask-1/state.json"));
        assertThat(state).contains("early summary ***").contains("### Deployed ***")
                .doesNotContain(SECRET);
        assertThat(plain.out() + plain.err()).as("the run summary").contains("leak: ***")
                .doesNotContain(SECRET);
        Cli logs = Cli.run("logs", "-i", intent, "--exec-id", "mask-1");
        assertThat(logs.out()).contains("early: ***").contains("before: ***").doesNotContain(SECRET);

        Cli json = Cli.run("run", "-i", intent, "--exec-id", "mask-2", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.toString()).contains("leak: ***").contains("check the *** config")
                .doesNotContain(SECRET);
    }

    @Test
    void aLiveViewShowsLinesAsTheyWereStreamedAndSaysWhenALaterMaskHidThemInTheRecords()
            throws IOException {
        String intent = workspace("'echo \"leak: " + SECRET + "\"'");
        Cli verbose = Cli.run("run", "-i", intent, "--exec-id", "mask-3", "--verbose");
        assertThat(verbose.exitCode()).as(verbose.out() + verbose.err()).isZero();
        String console = verbose.out() + verbose.err();
        // a streamed line cannot be recalled: what went out before the mask existed stays visible…
        assertThat(console).contains("before: " + SECRET);
        // …every line after it is masked, and a note says the records were masked after the fact
        assertThat(console).contains("after: ***").contains("leak: ***")
                .doesNotContain("after: " + SECRET).doesNotContain("leak: " + SECRET)
                .contains("printed a value before ::add-mask:: masked it");
        assertThat(log("mask-3", "secret")).startsWith("before: ***\n");
    }

    @Test
    void stepSummariesAndAnnotationsAreKeptInTheRecordsAndShownByStatusAndLogs() throws IOException {
        String intent = workspace("echo done");
        Cli run = Cli.run("run", "-i", intent, "--exec-id", "sum-1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("warning  app.txt:3  check the *** config");
        Cli summary = Cli.run("logs", "-i", intent, "--exec-id", "sum-1", "--summary");
        assertThat(summary.out()).contains("==> web@dev.build / secret summary <==")
                .contains("### Deployed ***");
        Cli status = Cli.run("status", "-i", intent, "--exec-id", "sum-1");
        assertThat(status.out()).contains("Annotations:").contains("app.txt:3 check the *** config")
                .contains("Summaries: web@dev.build › early, web@dev.build › secret");
    }

    @Test
    void anArtifactUploadThatFailsIsAWarningAndNeverChangesTheExitCode() throws Exception {
        String intent = workspace("echo done");
        String claims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"scp\":\"Actions.Results:r1:j1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("ACTIONS_RESULTS_URL", "http://127.0.0.1:9/");
        env.put("ACTIONS_RUNTIME_TOKEN", "e30." + claims + ".sig");
        env.remove("GITHUB_ACTIONS");
        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent, "--exec-id", "art-1",
                "--artifact", "github");
        String printed = cli.out() + cli.err();
        assertThat(cli.exitCode()).as(printed).isZero();
        assertThat(printed).contains("warning: artifact orun-art-1-web_dev.build not uploaded: CreateArtifact:");
    }

    @Test
    void checkoutWithNoCacheAndNoNetworkStopsBeforeAnyJobAndSaysHowToSeedTheCache() throws IOException {
        String intent = workspace("touch ran.txt");
        Path composition = root.resolve("stack/compositions/app/compositions.yaml");
        Files.writeString(composition, Files.readString(composition).replace(
                "      steps:\n", "      steps:\n        - id: checkout\n          use: actions/checkout@v4\n"));
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("ORUN_ACTIONS_CACHE", root.resolve("empty-cache").toString());
        env.put("GITHUB_API_URL", "http://127.0.0.1:9/"); // nothing listens: no network
        env.remove("GITHUB_ACTIONS");
        long started = System.nanoTime();
        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent, "--exec-id", "co-1");
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(2);
        assertThat(cli.err()).contains("step checkout: cannot fetch actions/checkout@v4")
                .contains("orun actions fetch actions/checkout@v4")
                .contains("orun actions import DIR actions/checkout@v4");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(
                java.time.Duration.ofSeconds(20));
        assertThat(root.resolve(".orun/executions/co-1")).doesNotExist();
        assertThat(root.resolve("services/web/ran.txt")).doesNotExist();
    }

    @Test
    void anUnknownArtifactBackendIsBadUsage() throws IOException {
        Cli cli = Cli.run("run", "-i", workspace("echo done"), "--artifact", "s3");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--artifact: unknown backend \"s3\" (available: github)");
    }

    @Test
    void theGhaExampleRunsWithItsCompositeActionsOutputFlowingOn() throws IOException {
        Path example = TestTrees.copy(Path.of("..", "examples", "gha").toAbsolutePath().normalize(),
                root.resolve("example"));
        Cli cli = Cli.run("run", "-i", example.resolve("intent.yaml").toString(), "--exec-id", "ex-1");
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isZero();
        try (Stream<Path> files = Files.walk(example.resolve(".orun/executions/ex-1/logs"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("publish.log"))
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList())
                    .containsExactlyInAnyOrder("publishing docs as docs-development-r1\n",
                            "publishing docs as docs-staging-r1\n");
        }
    }
}
