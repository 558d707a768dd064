package dev.orun.backend.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.backend.testing.Api;
import dev.orun.backend.testing.BackendProcess;
import dev.orun.backend.testing.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code serve} process and real admin processes on one data directory: a secret set while
 * the server runs is resolved by it, the key file is the owner's alone, and the server's request
 * log — every request logged, at debug — names the route but never a value.
 */
class SecretsProcessTest {
  private static final String VALUE = "process-secret-Qm4-never-logged";

  @Test
  void aSecretSetBesideARunningServerIsResolvedByItAndNeverLogged(@TempDir Path dir) throws Exception {
    List<String> data = List.of("--data", dir.resolve("data").toString());
    try (BackendProcess server = BackendProcess.serve(List.of("-Dorg.slf4j.simpleLogger.log.orun.backend.http=debug"),
        data)) {
      Path valueFile = dir.resolve("value");
      Files.writeString(valueFile, VALUE + "\n");
      BackendProcess.Result set = BackendProcess.cli("secret", "set", "--org", "acme", "--project", "web",
          "DB_PASSWORD", "--from-file", valueFile.toString(), "--data", data.get(1));
      assertThat(set.exitCode()).as(set.stderr()).isZero();
      assertThat(set.stdout() + set.stderr()).doesNotContain(VALUE);
      assertThat(Files.getPosixFilePermissions(dir.resolve("data/secrets.key")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      String token = BackendProcess.cli("token", "create", "--org", "acme", "--project", "web", "--data",
          data.get(1)).stdout().trim();

      Api api = new Api(server.url(), token);
      String state = Api.state("acme", "web");
      String runId = Runs.create(api, state, Runs.dag("api@dev.deploy", List.of()));
      long epoch = api.post(state + "/runs/" + runId + "/jobs/api@dev.deploy:claim", Runs.claimBody("r1"))
          .json().get("leaseEpoch").asLong();
      String body = "{\"runnerId\":\"r1\",\"jobId\":\"api@dev.deploy\",\"leaseEpoch\":" + epoch + ",\"refs\":[%s]}";
      Api.Response resolved = api.post(state + "/runs/" + runId + "/secrets/resolve",
          body.formatted("\"secret://acme/env:dev/db-password\""));
      assertThat(resolved.data().get("secrets").get("DB_PASSWORD").asText()).isEqualTo(VALUE);
      assertThat(api.post(state + "/runs/" + runId + "/secrets/resolve", body.formatted("\"DB_PASSWORD\",\"NOPE\""))
          .status()).isEqualTo(404);

      server.stop();
      String log = server.stderr();
      assertThat(log).contains("route=/v1/organizations/{org}/projects/{project}/state/runs/{runId}/secrets/resolve"
          + " status=200").contains("status=404").doesNotContain(VALUE);
    }
  }
}
