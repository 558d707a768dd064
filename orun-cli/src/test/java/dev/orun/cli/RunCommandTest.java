package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path root;

    private Path marker() {
        return root.resolve("marker.txt");
    }

    private String mark(String word) {
        return "echo " + word + " >> " + marker();
    }

    private List<String> marks() throws IOException {
        return Files.exists(marker()) ? Files.readAllLines(marker()) : List.of();
    }

    private TestWorkspace chain() {
        return new TestWorkspace(root)
                .component("db", mark("db"))
                .component("api", mark("api"), "db")
                .component("web", mark("web"), "api")
                .write();
    }

    @Test
    void runsAFreshPlanOfSeveralComponentsInDependencyOrder() throws IOException {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(marks()).containsExactly("db", "api", "web");
        assertThat(cli.out()).contains("✓ Done").contains("3 succeeded")
                .contains("● db").contains("● api").contains("● web");
        assertThat(root.resolve(".orun/executions")).isDirectory();
    }

    @Test
    void aComponentArgumentRunsThatComponentAndItsDependenciesOnly() throws IOException {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "api");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(marks()).containsExactly("db", "api");
    }

    @Test
    void aFailingStepFailsTheRunWithExitOneAndShowsItsTailAndTheLogsCommand() throws IOException {
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "echo broken-db; exit 7")
                .component("api", mark("api"), "db")
                .write();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--exec-id", "fail-1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(marks()).isEmpty();
        assertThat(cli.out()).contains("✗ Failed").contains("1 failed · 1 skipped")
                .contains("exited with code 7").contains("broken-db")
                .contains("orun logs --exec-id fail-1 --job db@dev.build");
    }

    @Test
    void jsonPrintsExactlyOneDocumentOnStdout() throws IOException {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--json", "--exec-id", "j-1");

        JsonNode doc = new ObjectMapper().readTree(cli.out());
        assertThat(doc.get("execId").asText()).isEqualTo("j-1");
        assertThat(doc.get("status").asText()).isEqualTo("succeeded");
        assertThat(doc.get("planChecksum").asText()).startsWith("sha256-");
        assertThat(doc.get("jobs")).hasSize(3);
        JsonNode first = doc.get("jobs").get(0);
        assertThat(first.get("id").asText()).isEqualTo("db@dev.build");
        assertThat(first.get("component").asText()).isEqualTo("db");
        assertThat(first.get("environment").asText()).isEqualTo("dev");
        assertThat(first.get("steps").get(0).get("exitCode").asInt()).isZero();
        assertThat(first.get("steps").get(0).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void dryRunShowsTheOrderAndWritesNothing() throws IOException {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--dry-run");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("1. db@dev.build").contains("2. api@dev.build")
                .contains("3. web@dev.build").contains("runner local").contains(mark("api"));
        assertThat(marks()).isEmpty();
        assertThat(root.resolve(".orun")).doesNotExist();
    }

    @Test
    void dockerFlagsReachTheDockerRunnerWhichDescribesImageAndUserWithoutAnEngine() throws IOException {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--dry-run", "--runner", "docker",
                "--docker-image", "example/tools:1", "--pull", "never", "--docker-user", "1234:5678");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("runner docker").contains("example/tools:1")
                .contains("pull never").contains("1234:5678").contains("/workspace");
        assertThat(root.resolve(".orun")).doesNotExist();
    }

    @Test
    void anInvalidPullPolicyIsBadUsage() {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--dry-run", "--runner", "docker",
                "--pull", "sometimes");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("sometimes");
        assertThat(Cli.run("run", "-i", ws.intent().toString(), "--runner-option", "novalue")
                .err()).contains("KEY=VALUE");
    }

    @Test
    void badUsageExitsTwoWithAClearMessageAndRunsNothing() {
        TestWorkspace ws = chain();
        String intent = ws.intent().toString();

        assertThat(Cli.run("run", "--no-such-flag").exitCode()).isEqualTo(2);
        Cli negative = Cli.run("run", "-i", intent, "--concurrency", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--concurrency must be 0");
        Cli retry = Cli.run("run", "-i", intent, "--retry");
        assertThat(retry.exitCode()).isEqualTo(2);
        assertThat(retry.err()).contains("--retry requires --job");
        Cli conflict = Cli.run("run", "-i", intent, "--gha", "--runner", "docker");
        assertThat(conflict.exitCode()).isEqualTo(2);
        assertThat(conflict.err()).contains("--runner", "--gha", "mutually exclusive");
        Cli isolation = Cli.run("run", "-i", intent, "--isolation", "sometimes");
        assertThat(isolation.exitCode()).isEqualTo(2);
        Cli remote = Cli.run("run", "-i", intent, "--remote-state");
        assertThat(remote.exitCode()).isEqualTo(2);
        assertThat(remote.err()).contains("remote state needs a backend URL");
        assertThat(root.resolve(".orun")).doesNotExist();
        assertThat(root.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void anAmbiguousJobPrefixListsTheCandidates() {
        TestWorkspace ws = new TestWorkspace(root)
                .component("api", "true").component("api-gateway", "true").write();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--job", "api");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("ambiguous").contains("api@dev.build")
                .contains("api-gateway@dev.build");
    }

    @Test
    void aJobWhoseDependenciesDidNotSucceedInTheExecutionIsRefused() {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--job", "api@dev.build",
                "--exec-id", "lonely");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("db@dev.build");
        assertThat(root.resolve(".orun/executions/lonely")).doesNotExist();
    }

    @Test
    void retryClearsAFailedJobAndRunsItAgainInTheSameExecution() throws IOException {
        Path flag = root.resolve("fixed");
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", mark("db") + " && test -f " + flag).write();
        String intent = ws.intent().toString();
        assertThat(Cli.run("run", "-i", intent, "--exec-id", "r-1").exitCode()).isEqualTo(1);
        Files.writeString(flag, "");

        Cli cli = Cli.run("run", "-i", intent, "--exec-id", "r-1", "--job", "db", "--retry");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(marks()).containsExactly("db", "db");
    }

    @Test
    void aResumeRunsOnlyWhatDidNotSucceed() throws IOException {
        Path flag = root.resolve("fixed");
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", mark("db"))
                .component("api", mark("api") + " && test -f " + flag, "db")
                .write();
        String intent = ws.intent().toString();
        assertThat(Cli.run("run", "-i", intent, "--exec-id", "again").exitCode()).isEqualTo(1);
        Files.writeString(flag, "");

        Cli cli = Cli.run("run", "-i", intent, "--exec-id", "again");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(marks()).containsExactly("db", "api", "api");
        assertThat(cli.out()).contains("cached");
    }

    @Test
    void aRunnerFromAPluginIsSelectedByName() throws IOException {
        TestWorkspace ws = new TestWorkspace(root).component("db", "echo plugin-ran").write();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--runner", "recording",
                "--verbose");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("recording").contains("plugin-ran");
        assertThat(RecordingRunnerProvider.steps()).contains("db@dev.build/work");
    }

    @Test
    void workdirRunsEveryJobThereInsteadOfItsOwnPath() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "pwd >> " + marker()).component("api", "pwd >> " + marker(), "db")
                .write();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--workdir", elsewhere.toString(),
                "--concurrency", "4");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(marks()).containsExactly(elsewhere.toString(), elsewhere.toString());
    }

    @Test
    void concurrentRunsLabelEachLineWithComponentAndEnvironment() {
        TestWorkspace ws = chain();

        Cli cli = Cli.run("run", "-i", ws.intent().toString(), "--concurrency", "3",
                "--isolation", "none");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("✓ api·dev/build").contains("3× parallel");
    }

    @Test
    void escapeSequencesAStepPrintsReachTheRawLogButNotTheSummaryOrTheLiveView() throws IOException {
        TestWorkspace ws = new TestWorkspace(root)
                .component("db", "printf '\\033]0;pwned\\007\\033[2Jvisible\\n'; exit 3").write();

        Cli quiet = Cli.run("run", "-i", ws.intent().toString(), "--exec-id", "esc-1");
        Cli verbose = Cli.run("run", "-i", ws.intent().toString(), "--exec-id", "esc-2", "--verbose");

        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.out()).contains("│ visible").doesNotContain("\u001b").doesNotContain("pwned");
        assertThat(verbose.out()).contains("│ visible").doesNotContain("\u001b").doesNotContain("pwned");
        assertThat(Files.readString(root.resolve(".orun/executions/esc-1/logs/db@dev.build/work.log")))
                .isEqualTo("\u001b]0;pwned\u0007\u001b[2Jvisible\n");
    }
}
