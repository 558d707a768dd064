package dev.orun.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.secrets.SecretsKey;
import dev.orun.backend.store.Scope;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.backend.testing.Runs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code secret set|list|delete} on the data directory of a running server (and of none): values
 * come from stdin or a file, are never printed, and the server resolves what the command stored.
 */
class SecretCommandsTest {
  private H2TestDatabase database;
  private RunningBackend backend;
  private String data;

  @BeforeEach
  void start() {
    database = new H2TestDatabase();
    data = database.dir().toString();
    // the server uses the key file of its data directory, as `serve` does
    backend = new RunningBackend(database, new MutableClock(), dev.orun.backend.config.BackendConfig.defaults(),
        SecretsKey.fromFile(database.dir().resolve(SecretsKey.DEFAULT_FILE), true));
  }

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close();
    }
    database.close();
  }

  private Outcome run(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int code = BackendMain.run(args);
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  @Test
  void aSecretSetFromStdinWhileTheServerRunsIsResolvedByItAndNeverPrinted() {
    Outcome set = run("stdin-secret-value\n", "secret", "set", "--org", "acme", "--project", "web", "db-password",
        "--data", data);
    assertThat(set.code).as(set.err).isZero();
    assertThat(set.out).contains("Stored DB_PASSWORD version 1 in acme/web").doesNotContain("stdin-secret-value");
    assertThat(run("second-stdin-value", "secret", "set", "--org", "acme", "--project", "web", "DB_PASSWORD",
        "--data", data).out).contains("version 2");

    Outcome listed = run("", "secret", "list", "--org", "acme", "--project", "web", "--data", data);
    assertThat(listed.code).isZero();
    assertThat(listed.out).contains("DB_PASSWORD").contains(" 2 ").doesNotContain("stdin-value");

    Api api = backend.api(backend.token("acme", "web"));
    String state = Api.state("acme", "web");
    String runId = Runs.create(api, state, Runs.dag("app@dev.deploy", List.of()));
    long epoch = api.post(state + "/runs/" + runId + "/jobs/app@dev.deploy:claim", Runs.claimBody("r"))
        .json().get("leaseEpoch").asLong();
    Api.Response resolved = api.post(state + "/runs/" + runId + "/secrets/resolve", "{\"runnerId\":\"r\","
        + "\"jobId\":\"app@dev.deploy\",\"leaseEpoch\":" + epoch + ",\"refs\":[\"secret://acme/env:dev/db-password\"]}");
    assertThat(resolved.data().get("secrets").get("DB_PASSWORD").asText()).isEqualTo("second-stdin-value");

    Outcome deleted = run("", "secret", "delete", "--org", "acme", "--project", "web", "DB_PASSWORD", "--data", data);
    assertThat(deleted.code).isZero();
    assertThat(run("", "secret", "list", "--org", "acme", "--project", "web", "--data", data).out)
        .doesNotContain("DB_PASSWORD");
    assertThat(run("", "secret", "delete", "--org", "acme", "--project", "web", "DB_PASSWORD", "--data", data).code)
        .isEqualTo(2);
  }

  @Test
  void theCommandsWorkWithoutAServerAndReadValuesFromAFile() throws Exception {
    backend.close();
    backend = null;
    Path valueFile = database.dir().resolve("value.txt");
    Files.writeString(valueFile, "file-secret-value\n");
    Outcome set = run("", "secret", "set", "--org", "acme", "--project", "web", "API_TOKEN", "--from-file",
        valueFile.toString(), "--data", data);
    assertThat(set.code).as(set.err).isZero();
    assertThat(Files.getPosixFilePermissions(database.dir().resolve(SecretsKey.DEFAULT_FILE)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    backend = new RunningBackend(database, new MutableClock(), dev.orun.backend.config.BackendConfig.defaults(),
        SecretsKey.fromFile(database.dir().resolve(SecretsKey.DEFAULT_FILE), false));
    assertThat(backend.secrets().list(new Scope("acme", "web"))).hasSize(1);
  }

  @Test
  void badUsageIsExit2WithOneLine() throws Exception {
    Outcome valueOnCommandLine = run("", "secret", "set", "--org", "acme", "--project", "web", "KEY", "the-value",
        "--data", data);
    assertThat(valueOnCommandLine.code).isEqualTo(2);
    assertThat(valueOnCommandLine.err).contains("never from the command line").doesNotContain("the-value");
    Outcome empty = run("", "secret", "set", "--org", "acme", "--project", "web", "KEY", "--data", data);
    assertThat(empty.code).isEqualTo(2);
    assertThat(empty.err.strip().lines()).hasSize(1);
    assertThat(run("v", "secret", "set", "--org", "a/b", "--project", "web", "KEY", "--data", data).code).isEqualTo(2);
    assertThat(run("v", "secret", "set", "--project", "web", "KEY", "--data", data).code).isEqualTo(2);
    Path shared = database.dir().resolve("shared.key");
    Files.writeString(shared, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    Outcome sharedKey = run("v", "secret", "set", "--org", "acme", "--project", "web", "KEY", "--secrets-key-file",
        shared.toString(), "--data", data);
    assertThat(sharedKey.code).isEqualTo(2);
    assertThat(sharedKey.err).contains("chmod 600");
  }

  private record Outcome(int code, String out, String err) {}
}
