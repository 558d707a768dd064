package dev.orun.core.state.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orun.backend.config.BackendConfig;
import dev.orun.backend.testing.H2TestDatabase;
import dev.orun.backend.testing.MutableClock;
import dev.orun.backend.testing.RunningBackend;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.RunDescriptor;
import dev.orun.remote.client.RemoteStateBackend;
import dev.orun.remote.client.StateHttp;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A runner cut off from the state server keeps its job only as long as the server would: once no
 * heartbeat has reached the server for longer than the lease it granted, the lease has expired
 * there, so the client reports the lease lost (which stops the job's steps) instead of running on
 * for ever. Before that, transport trouble is retried quietly.
 */
class RemoteLeaseExpiryClientTest {
  private static final String JOB = "api@dev.build";

  @Test
  void aRunnerThatCannotReachTheServerForLongerThanTheLeaseLosesTheJob() throws Exception {
    H2TestDatabase database = new H2TestDatabase();
    BackendConfig shortLease = new BackendConfig("127.0.0.1", 0, null, BackendConfig.defaults().limits(), 2, 1,
        5, Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofHours(1), Duration.ofHours(1),
        Duration.ofDays(30), Duration.ofMinutes(10), BackendConfig.defaults().oidc(),
        BackendConfig.defaults().clock());
    RunningBackend backend = new RunningBackend(database, new MutableClock(), shortLease);
    String token = backend.token("acme", "web");
    RemoteStateBackend runner = new RemoteStateBackend(new StateHttp(backend.url(), "acme", "web", () -> token),
        "lease-expiry-1", "runner-1", Files.createTempDirectory("orun-remote-lease-"));
    try {
      Plan plan = StateBackendContract.plan(List.of(StateBackendContract.job(JOB)));
      runner.open(new RunDescriptor("lease-expiry-1", plan, "local", "manual", "test"));
      ClaimResult claim = runner.claim(JOB, Duration.ofSeconds(2));
      assertThat(claim.isClaimed()).as("claimed").isTrue();
      ClaimToken held = claim.token();
      runner.heartbeat(held, null);

      backend.close(); // the server goes away
      assertThatCode(() -> runner.heartbeat(held, null))
          .as("a missed heartbeat within the lease is retried on the next tick, not a lost lease")
          .doesNotThrowAnyException();

      Thread.sleep(2_500);
      assertThatThrownBy(() -> runner.heartbeat(held, null))
          .isInstanceOf(LeaseLostException.class)
          .hasMessageContaining("no heartbeat reached the state server for longer than the 2 s lease");
    } finally {
      runner.close();
      database.close();
    }
  }
}
