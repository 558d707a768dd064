package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trigger}, {@code --from-ci} and {@code --event-file} on {@code orun plan} and {@code orun run}. */
class TriggerFlagsCommandTest {

    @TempDir
    Path dir;

    String intent;

    @BeforeEach
    void workspace() throws IOException {
        new TestWorkspace(dir).component("api", "echo api-ran").write();
        Path file = dir.resolve("intent.yaml");
        Files.writeString(file, Files.readString(file).replace("environments:\n  dev: {}\n", String.join("\n",
                "automation:",
                "  triggerBindings:",
                "    push-main: {on: {provider: github, event: push, branches: [main]}}",
                "environments:",
                "  dev: {}",
                "  prod: {activation: {triggerRefs: [push-main]}}",
                "")));
        Path component = dir.resolve("services/api/component.yaml");
        Files.writeString(component, Files.readString(component)
                .replace("subscribe: {environments: [dev]}", "subscribe: {environments: [dev, prod]}"));
        assertThat(Files.readString(component)).contains("[dev, prod]");
        intent = file.toString();
    }

    @Test
    void planWithANamedTriggerPlansOnlyTheActivatedEnvironment() {
        Cli cli = Cli.run("plan", "-i", intent, "--trigger", "push-main");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("1 component × 1 env → 1 job");
        assertThat(cli.err()).contains("trigger: push-main → prod");
    }

    @Test
    void runFromAGitHubEventFileRunsTheActivatedEnvironment() throws IOException {
        Path event = Files.writeString(dir.resolve("event.json"), "{\"ref\":\"refs/heads/main\",\"after\":\"abc\"}");

        Cli cli = Cli.run("run", "-i", intent, "--from-ci", "github", "--event-file", event.toString(), "--dry-run");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("api@prod.build").doesNotContain("api@dev.build");
    }

    @Test
    void eventFileWithoutFromCiIsBadUsage() {
        Cli cli = Cli.run("plan", "-i", intent, "--event-file", "x.json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--event-file needs --from-ci");
    }
}
