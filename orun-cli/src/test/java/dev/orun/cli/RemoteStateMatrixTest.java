package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix contract against a server on its embedded database, and what needs no database choice. */
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
