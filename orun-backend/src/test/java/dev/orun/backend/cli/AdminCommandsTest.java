package dev.orun.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.store.TokenCache;
import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code token create|list|revoke}, {@code migrate} and {@code trust} against the data dir of a running server. */
class AdminCommandsTest {
  private H2TestDatabase database;
  private RunningBackend backend;

  @BeforeEach
  void start() {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
  }

  @AfterEach
  void stop() {
    backend.close();
    database.close();
  }

  private Outcome run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = BackendMain.run(args);
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aCreatedTokenIsPrintedOnceListedWithoutItsSecretAndRevocable() {
    String data = database.dir().toString();
    Outcome created = run("token", "create", "--org", "acme", "--project", "web", "--name", "ci", "--ttl", "30d",
        "--data", data);
    assertThat(created.code).isZero();
    String token = created.out.trim();
    assertThat(token).matches("orun_sk_[A-Za-z0-9_-]{43}");
    Api api = backend.api(token);
    assertThat(api.get(Api.state("acme", "web") + "/runs").status()).isEqualTo(200);

    Outcome listed = run("token", "list", "--data", data);
    assertThat(listed.out).contains("acme/web").contains("ci").contains("active").doesNotContain(token);
    String id = listed.out.lines().filter(l -> l.contains(" ci ")).findFirst().orElseThrow().split("\\s+")[0];

    assertThat(run("token", "revoke", id, "--data", data).code).isZero();
    // The server remembers a verified token for at most TokenCache.TTL_MILLIS; a revocation by
    // another process holds within that (docs/decisions/backend-throughput.md).
    long revoked = System.nanoTime();
    int status = api.get(Api.state("acme", "web") + "/runs").status();
    while (status == 200 && System.nanoTime() - revoked < 10_000_000_000L) {
      sleep(100);
      status = api.get(Api.state("acme", "web") + "/runs").status();
    }
    assertThat(status).isEqualTo(401);
    assertThat((System.nanoTime() - revoked) / 1_000_000).as("refused within the token cache's bound")
        .isLessThanOrEqualTo(TokenCache.TTL_MILLIS + 500);
    assertThat(run("token", "list", "--data", data).out).contains("revoked");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void badUsageExitsWith2AndAOneLineMessage() {
    Outcome noScope = run("token", "create", "--data", database.dir().toString());
    assertThat(noScope.code).isEqualTo(2);
    assertThat(noScope.err.strip().lines()).hasSize(1);
    assertThat(run("token", "create", "--org", "a/b", "--project", "p", "--data", database.dir().toString()).code)
        .isEqualTo(2);
    assertThat(run("token", "create", "--org", "a", "--project", "p", "--ttl", "soon").code).isEqualTo(2);
    assertThat(run("token", "revoke", "tok_nope", "--data", database.dir().toString()).code).isEqualTo(2);
    assertThat(run("serve", "--data", "x", "--database-url", "jdbc:postgresql://h/db").code).isEqualTo(2);
    assertThat(run("serve", "--max-log-chunk-bytes", "2000000", "--data", database.dir().toString()).code)
        .isEqualTo(2);
  }

  @Test
  void migrateReportsAnUpToDateSchemaAndTrustBindingsAreManaged() {
    String data = database.dir().toString();
    assertThat(run("migrate", "--data", data).out).contains("up to date");
    Outcome added = run("trust", "add", "acme/platform", "--org", "acme", "--project", "web", "--ref",
        "refs/heads/main", "--data", data);
    assertThat(added.code).isZero();
    assertThat(run("trust", "list", "--data", data).out).contains("acme/platform").contains("refs/heads/main");
    assertThat(run("trust", "add", "not a repo", "--org", "acme", "--project", "web", "--data", data).code)
        .isEqualTo(2);
  }

  @Test
  void everyCommandThatOpensTheDatabaseListsItsDatabaseOptionsOnceInItsHelp() {
    for (String[] command : new String[][] {{"serve"}, {"migrate"}, {"token", "create"}, {"token", "list"},
        {"secret", "set"}, {"auth", "approve"}, {"trust", "add"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      String help = run(args).out;
      // the option list's lines (the synopsis names them too, inside brackets)
      assertThat(help.lines().map(String::strip).filter(line -> line.startsWith("--data=DIR ")))
          .as(String.join(" ", command)).hasSize(1);
      assertThat(help.lines().map(String::strip).filter(line -> line.startsWith("--database-url=URL ")))
          .as(String.join(" ", command)).hasSize(1);
    }
  }

  private record Outcome(int code, String out, String err) {}
}
