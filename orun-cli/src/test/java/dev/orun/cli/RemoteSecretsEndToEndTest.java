package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets through the state server, with real processes: {@code orun-backend secret set} stores a
 * value, {@code orun run --remote-state} resolves it after claiming the job and hands it to the
 * step, and neither the console, the log the server stores nor the local records ever show it
 * (docs/decisions/remote-secrets.md, backend-secrets.md; the server's request log is checked in
 * orun-backend's SecretsContract, where the server logs).
 */
@Tag("slow")
class RemoteSecretsEndToEndTest {
    private static final String VALUE = "remote-Zk7-secret-do-not-print";

    @TempDir
    Path root;

    @Test
    void aJobResolvesItsSecretThroughTheServerAndEveryLogShowsItMasked() throws Exception {
        writeWorkspace(VALUE);
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            Path valueFile = root.resolve("value.txt");
            Files.writeString(valueFile, VALUE + "\n");
            assertThat(server.admin("secret", "set", "--org", "acme", "--project", "web", "DB_PASSWORD",
                    "--from-file", valueFile.toString())).contains("Stored DB_PASSWORD version 1");
            Files.delete(valueFile);
            Map<String, String> env = remoteEnv(server, "sec-" + UUID.randomUUID());
            OrunProcesses orun = new OrunProcesses(root);

            Process run = orun.start(env, "run", "--remote-state", "--verbose");
            assertThat(run.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String console = orun.output(run);
            assertThat(run.exitValue()).as(console).isZero();
            assertThat(console).contains("secret-received").contains("password=***").contains("optional=absent")
                    .doesNotContain(VALUE);

            Process logs = orun.start(env, "logs", "--remote-state");
            assertThat(logs.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String stored = orun.output(logs);
            assertThat(logs.exitValue()).as(stored).isZero();
            assertThat(stored).as("the log chunks the server stored").contains("password=***")
                    .contains("encoded=***").doesNotContain(VALUE);
            assertNothingUnderHolds(root.resolve(".orun"), VALUE);
        }
    }

    @Test
    void aMissingSecretFailsTheJobBeforeAnyStepAndAValueGivenLocallyWins() throws Exception {
        String local = "local-value-wins-42";
        writeWorkspace(local);
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            OrunProcesses orun = new OrunProcesses(root);

            Process missing = orun.start(remoteEnv(server, "miss-" + UUID.randomUUID()), "run", "--remote-state");
            assertThat(missing.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String output = orun.output(missing);
            assertThat(missing.exitValue()).as(output).isEqualTo(1);
            assertThat(output).contains("secret resolution: secret DB_PASSWORD not set in project acme/web");
            assertThat(output.lines().filter(l -> l.contains("not set in project")).toList())
                    .allSatisfy(line -> assertThat(line).doesNotContain("\n"));
            assertThat(root.resolve("ran.txt")).as("no step ran").doesNotExist();

            Path valueFile = root.resolve("value.txt");
            Files.writeString(valueFile, VALUE);
            server.admin("secret", "set", "--org", "acme", "--project", "web", "DB_PASSWORD", "--from-file",
                    valueFile.toString());
            Map<String, String> env = remoteEnv(server, "local-" + UUID.randomUUID());
            env.put("ORUN_SECRET_DB_PASSWORD", local);
            Process overridden = orun.start(env, "run", "--remote-state", "--verbose");
            assertThat(overridden.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String console = orun.output(overridden);
            assertThat(overridden.exitValue()).as(console).isZero();
            assertThat(console).as("the step compared $DB_PASSWORD with the local value").contains("secret-received")
                    .doesNotContain(local).doesNotContain(VALUE);
        }
    }

    private Map<String, String> remoteEnv(StateServerProcess server, String execId) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ORUN_TOKEN", server.token("acme", "web"));
        env.put("ORUN_BACKEND_URL", server.url());
        env.put("ORUN_ORG", "acme");
        env.put("ORUN_PROJECT", "web");
        env.put("ORUN_EXEC_ID", execId);
        return env;
    }

    private static void assertNothingUnderHolds(Path dir, String text) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> holding = files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    return false;
                }
            }).toList();
            assertThat(holding).as("files under %s holding the secret", dir).isEmpty();
        }
    }

    private void writeWorkspace(String expected) throws IOException {
        SecretsWorkspace.write(root, expected);
    }
}
