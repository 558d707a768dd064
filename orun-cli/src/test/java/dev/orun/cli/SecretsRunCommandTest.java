package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets at run time (docs/decisions/local-secrets.md; reference go-orun-run.md §2.4 step 4,
 * §3.1 layer 4 and §9.1): a job's {@code secretRefs} resolve from {@code ORUN_SECRET_<KEY>} or the
 * {@code --secrets-file}, reach the steps as env vars, and never appear in any output or record.
 */
class SecretsRunCommandTest {

    private static final String VALUE = "hunter2-Xq9-do-not-print";

    @TempDir
    Path root;

    @Test
    void aSecretFromTheEnvironmentReachesTheStepAndIsMaskedInEveryOutputAndRecord() throws IOException {
        writeWorkspace();
        Map<String, String> env = hostEnv();
        env.put("ORUN_SECRET_DB_PASSWORD", VALUE);

        Cli plain = Cli.run(CliEnvironment.of(env), "run", "-i", intent(), "--verbose", "--exec-id", "s-1");
        Cli json = Cli.run(CliEnvironment.of(env), "run", "-i", intent(), "--json", "--exec-id", "s-2");

        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(0);
        assertThat(json.exitCode()).as(json.err()).isEqualTo(0);
        assertThat(plain.out()).contains("secret-received").contains("optional=absent").contains("***");
        assertThat(json.out()).contains("\"status\" : \"succeeded\"").doesNotContain("\"failed\"");
        for (Cli cli : List.of(plain, json)) {
            assertThat(cli.out() + cli.err()).doesNotContain(VALUE).doesNotContain(base64(VALUE));
        }
        assertNoRecordHolds(VALUE);
        assertNoRecordHolds(base64(VALUE));
        assertThat(Files.readString(root.resolve(".orun/executions/s-1/logs/api@dev.build/print.log")))
                .contains("password=***").contains("encoded=***");
    }

    @Test
    void theSecretsFileGivesValuesByKeyOrWholeReferenceAndAnOptionalOneWithoutValueIsLeftOut() throws IOException {
        writeWorkspace();
        Path file = root.resolve("secrets.env");
        Files.writeString(file, "# local secrets\n\nsecret://acme/project:shop/env:dev/db-password=" + VALUE
                + "\nDB_PASSWORD=the-key-entry-loses\n");

        Cli cli = Cli.run(CliEnvironment.of(hostEnv()), "run", "-i", intent(), "--verbose",
                "--secrets-file", file.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).contains("secret-received").contains("optional=absent").doesNotContain(VALUE);
        assertNoRecordHolds(VALUE);
    }

    @Test
    void aMissingRequiredSecretIsOneLineExit2NamingItBeforeAnyJobRuns() throws IOException {
        writeWorkspace();

        Cli cli = Cli.run(CliEnvironment.of(hostEnv()), "run", "-i", intent());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).doesNotContain("\n")
                .contains("missing secret DB_PASSWORD (secret://acme/project:shop/env:dev/db-password) for api@dev.build")
                .contains("ORUN_SECRET_DB_PASSWORD").doesNotContain("OPT_TOKEN");
        assertThat(root.resolve("ran.txt")).doesNotExist();
        assertThat(root.resolve(".orun/executions")).doesNotExist();
    }

    @Test
    void aBadSecretsFileLineNamesFileAndLineWithoutEchoingIt() throws IOException {
        writeWorkspace();
        Path file = root.resolve("secrets.env");
        Files.writeString(file, "DB_PASSWORD=ok-value\n" + VALUE + "\n");

        Cli cli = Cli.run(CliEnvironment.of(hostEnv()), "run", "-i", intent(), "--secrets-file", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains(file + ":2").doesNotContain(VALUE);
        assertThat(root.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void theSecretsFileMayComeFromTheEnvironment() throws IOException {
        writeWorkspace();
        Path file = root.resolve("secrets.env");
        Files.writeString(file, "DB_PASSWORD=" + VALUE + "\n");
        Map<String, String> env = hostEnv();
        env.put("ORUN_SECRETS_FILE", file.toString());

        Cli cli = Cli.run(CliEnvironment.of(env), "run", "-i", intent(), "--verbose");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(0);
        assertThat(cli.out()).contains("secret-received");
    }

    private void assertNoRecordHolds(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root.resolve(".orun"))) {
            List<Path> holding = files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
            assertThat(holding).as("files under .orun holding the secret").isEmpty();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> hostEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", System.getenv().getOrDefault("HOME", root.toString()));
        return env;
    }

    private String intent() {
        return root.resolve("intent.yaml").toString();
    }

    private void writeWorkspace() throws IOException {
        SecretsWorkspace.write(root, VALUE);
    }
}
