package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix contract against a server on its embedded database, and what does not depend on the
 * database: several whole-plan processes, failing dependencies, {@code --retry}, tenancy, a missing URL.
 */
class RemoteStateMatrixTest extends RemoteStateMatrixContract {
    @TempDir
    static Path serverData;

    @BeforeAll
    static void startServer() throws Exception {
        server = StateServerProcess.serve(serverData);
        token = server.token("acme", "web");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void whole_plan_processes_sharing_one_run_run_every_job_exactly_once(@TempDir Path root) throws Exception {
        Path markers = chain(root, -1);
        String execId = "whole-" + UUID.randomUUID();
        List<Process> runners = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runners.add(start(root, remoteEnv(execId, token), "run", "--remote-state"));
        }
        for (Process runner : runners) {
            assertThat(runner.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.exitValue()).as(output(root, runner)).isZero();
        }
        long previousEnd = 0;
        for (int i = 1; i <= CHAIN; i++) {
            List<Path> starts = markers("c" + i + ".", ".start", markers);
            assertThat(starts).as("c%d ran exactly once", i).hasSize(1);
            long start = Long.parseLong(Files.readString(starts.get(0)).trim());
            assertThat(start).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = Long.parseLong(Files.readString(markers("c" + i + ".", ".end", markers).get(0)).trim());
        }

        // the shared run is read from anywhere: no workspace needed
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Process status = start(elsewhere, remoteEnv(execId, token), "status", "--remote-state", "--json");
        Process logs = start(elsewhere, remoteEnv(execId, token), "logs", "--remote-state");
        assertThat(status.waitFor(120, TimeUnit.SECONDS) && logs.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(output(elsewhere, status)).isZero();
        assertThat(output(elsewhere, status)).contains("\"succeeded\": 6");
        assertThat(logs.exitValue()).as(output(elsewhere, logs)).isZero();
        assertThat(output(elsewhere, logs)).contains("ran c6 as c6@dev.build");
    }

    @Test
    void waiting_dependents_of_a_failed_job_exit_1_within_seconds_naming_it(@TempDir Path root) throws Exception {
        chain(root, 2);
        String execId = "failing-" + UUID.randomUUID();
        Process c4 = leg(root, execId, token, "c4");
        Process c3 = leg(root, execId, token, "c3");
        Process c2 = leg(root, execId, token, "c2");
        Process c1 = leg(root, execId, token, "c1");
        assertThat(c1.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(c2.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long failedAt = System.nanoTime();
        assertThat(c3.waitFor(20, TimeUnit.SECONDS)).as("c3 stops soon after c2 failed").isTrue();
        assertThat(c4.waitFor(20, TimeUnit.SECONDS)).as("c4 stops soon after c2 failed").isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - failedAt)).isLessThan(20);
        assertThat(c1.exitValue()).isZero();
        assertThat(c2.exitValue()).isEqualTo(1);
        assertThat(c3.exitValue()).isEqualTo(1);
        assertThat(c4.exitValue()).isEqualTo(1);
        assertThat(output(root, c3)).contains("dependency c2@dev.build failed");
        assertThat(output(root, c4)).contains("c2@dev.build failed");
    }

    @Test
    void retry_re_opens_a_failed_job_and_its_dependents_then_run(@TempDir Path root) throws Exception {
        Path fixed = root.resolve("fixed");
        chain(root, 2, "[ -f " + fixed + " ]");
        Path markers = root.resolve("markers");
        String execId = "retry-" + UUID.randomUUID();
        Process c1 = leg(root, execId, token, "c1");
        Process c2 = leg(root, execId, token, "c2");
        assertThat(c1.waitFor(120, TimeUnit.SECONDS) && c2.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(c1.exitValue()).as(output(root, c1)).isZero();
        assertThat(c2.exitValue()).as(output(root, c2)).isEqualTo(1);

        Process again = leg(root, execId, token, "c2");
        assertThat(again.waitFor(240, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("without --retry a failed job stays failed: %s", output(root, again))
                .isEqualTo(1);
        assertThat(markers("c2.", ".start", markers)).as("c2 is not run again without --retry").hasSize(1);

        Files.writeString(fixed, "");
        Process retry = start(root, remoteEnv(execId, token), "run", "--remote-state", "--job", "c2@dev.build",
                "--retry");
        assertThat(retry.waitFor(240, TimeUnit.SECONDS)).as("--retry leg ended; output so far:%n%s",
                output(root, retry)).isTrue();
        assertThat(retry.exitValue()).as(output(root, retry)).isZero();
        assertThat(markers("c2.", ".start", markers)).as("--retry ran c2 a second time").hasSize(2);

        Process c3 = leg(root, execId, token, "c3");
        assertThat(c3.waitFor(240, TimeUnit.SECONDS)).as(output(root, c3)).isTrue();
        assertThat(c3.exitValue()).as(output(root, c3)).isZero();
        assertThat(markers("c3.", ".start", markers)).hasSize(1);
        Process status = start(root, remoteEnv(execId, token), "status", "--remote-state", "--json");
        assertThat(status.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output(root, status)).contains("\"succeeded\": 3").doesNotContain("\"status\": \"failed\"");
    }

    @Test
    void a_token_of_another_project_cannot_claim_in_this_one(@TempDir Path root) throws Exception {
        chain(root, -1);
        String execId = "tenancy-" + UUID.randomUUID();
        String otherToken = server.token("acme", "other");
        Process leg = leg(root, execId, otherToken, "c1");
        assertThat(leg.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(leg.exitValue()).isEqualTo(2);
        assertThat(output(root, leg)).contains("404").doesNotContain(otherToken);
        assertThat(markers("c1.", ".start", root.resolve("markers"))).isEmpty();
    }

    @Test
    void remote_state_without_a_backend_url_is_refused_before_anything_runs(@TempDir Path root) throws Exception {
        chain(root, -1);
        Process leg = start(root, Map.of("ORUN_TOKEN", token), "run", "--remote-state", "--job", "c1@dev.build");
        assertThat(leg.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(leg.exitValue()).isEqualTo(2);
        assertThat(output(root, leg)).contains("remote state needs a backend URL");
        assertThat(markers("c1.", ".start", root.resolve("markers"))).isEmpty();
        assertThat(root.resolve(".orun/executions")).doesNotExist();
    }
}
