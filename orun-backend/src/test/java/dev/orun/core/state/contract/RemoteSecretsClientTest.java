package dev.orun.core.state.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.backend.store.Scope;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.SecretsUnresolvedException;
import dev.orun.remote.client.RemoteStateBackend;
import dev.orun.remote.client.StateHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The remote client's side of secrets (docs/decisions/remote-secrets.md), against a real server on
 * loopback: values come back by reference for the job's holder, a missing required key or an
 * unreachable server is a {@link SecretsUnresolvedException} naming keys only, and a lease taken
 * over by another runner is a {@link LeaseLostException}.
 */
class RemoteSecretsClientTest {
  private static final String JOB = "api@dev.deploy";
  private static final String REF = "secret://acme/project:web/env:dev/db-password";

  private H2TestDatabase database;
  private RunningBackend backend;
  private String token;
  private Path spill;
  private final List<RemoteStateBackend> workers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    database = new H2TestDatabase();
    backend = new RunningBackend(database, new MutableClock());
    token = backend.token("acme", "web");
    spill = Files.createTempDirectory("orun-remote-secrets-");
    backend.secrets().set(new Scope("acme", "web"), "DB_PASSWORD", "client-side-value-1");
  }

  @AfterEach
  void stop() {
    workers.forEach(RemoteStateBackend::close);
    backend.close();
    database.close();
  }

  private RemoteStateBackend worker(String runnerId) {
    RemoteStateBackend w = new RemoteStateBackend(new StateHttp(backend.url(), "acme", "web", () -> token),
        "secrets-1", runnerId, spill);
    workers.add(w);
    Plan plan = StateBackendContract.plan(List.of(StateBackendContract.job(JOB)));
    w.open(new RunDescriptor("secrets-1", plan, "local", "manual", "test"));
    return w;
  }

  private static ClaimToken claim(RemoteStateBackend w) {
    ClaimResult r = w.claim(JOB, Duration.ofSeconds(60));
    assertThat(r.isClaimed()).as("claimed").isTrue();
    return r.token();
  }

  @Test
  void theHolderGetsValuesByReferenceAndAMissingOptionalOneIsAbsent() {
    RemoteStateBackend w = worker("runner-1");
    assertThat(w.resolvesSecrets()).isTrue();
    Map<String, String> values = w.resolveSecrets(claim(w), List.of(REF), List.of("secret://acme/env:dev/opt-token"));
    assertThat(values).isEqualTo(Map.of(REF, "client-side-value-1"));
  }

  @Test
  void aMissingRequiredKeyNamesItAndNoValue() {
    RemoteStateBackend w = worker("runner-1");
    assertThatThrownBy(() -> w.resolveSecrets(claim(w), List.of(REF, "secret://acme/env:dev/api-key"), List.of()))
        .isInstanceOf(SecretsUnresolvedException.class)
        .hasMessageStartingWith("secret API_KEY not set in project acme/web on the state server")
        .hasMessageNotContaining("client-side-value-1");
  }

  @Test
  void aRunnerWhoseLeaseWasTakenOverGetsNothing() {
    RemoteStateBackend first = worker("runner-1");
    ClaimToken stale = claim(first);
    backend.clock.advance(Duration.ofSeconds(backend.config.leaseSeconds() + 1));
    claim(worker("runner-2"));
    assertThatThrownBy(() -> first.resolveSecrets(stale, List.of(REF), List.of()))
        .isInstanceOf(LeaseLostException.class);
  }

  @Test
  void anUnreachableServerFailsTheJobAfterThreeAttempts() {
    RemoteStateBackend w = worker("runner-1");
    ClaimToken token = claim(w);
    backend.server.close();
    long started = System.nanoTime();
    assertThatThrownBy(() -> w.resolveSecrets(token, List.of(REF), List.of()))
        .isInstanceOf(SecretsUnresolvedException.class).hasMessageContaining("cannot reach the state server");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two short backoffs, not the outage budget")
        .isLessThan(Duration.ofSeconds(10));
  }
}
