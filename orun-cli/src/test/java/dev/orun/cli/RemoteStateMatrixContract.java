package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Actions matrix pattern, locally with real processes: a state server
 * ({@code orun-backend serve}, started by the subclass on its database) and one
 * {@code orun run --remote-state --job <id>} process per job, all started at once in reverse
 * dependency order.
 */
@Tag("slow")
abstract class RemoteStateMatrixContract {
    static final int CHAIN = 6;

    /** Set by the subclass's {@code @BeforeAll}. */
    static StateServerProcess server;
    static String token;

    @Test
    void every_job_of_a_chain_runs_exactly_once_in_dependency_order_when_all_legs_start_at_once(@TempDir Path root)
            throws Exception {
        Path markers = chain(root, -1);
        String execId = "matrix-" + UUID.randomUUID();
        List<Process> legs = new ArrayList<>();
        for (int i = CHAIN; i >= 1; i--) {
            legs.add(leg(root, execId, token, "c" + i));
        }
        legs.add(leg(root, execId, token, "c1")); // a duplicate leg for the first job

        for (Process leg : legs) {
            assertThat(leg.waitFor(180, TimeUnit.SECONDS)).as("leg finished").isTrue();
        }
        for (int i = 0; i < legs.size(); i++) {
            assertThat(legs.get(i).exitValue()).as("leg %d exit code; output:%n%s", i, output(root, legs.get(i)))
                    .isZero();
        }
        long previousEnd = 0;
        for (int i = 1; i <= CHAIN; i++) {
            List<Path> starts = markers("c" + i + ".", ".start", markers);
            assertThat(starts).as("c%d ran exactly once", i).hasSize(1);
            long start = Long.parseLong(Files.readString(starts.get(0)).trim());
            long end = Long.parseLong(Files.readString(markers("c" + i + ".", ".end", markers).get(0)).trim());
            assertThat(start).as("c%d started after its dependency ended", i).isGreaterThanOrEqualTo(previousEnd);
            previousEnd = end;
        }

        Process status = start(root, remoteEnv(execId, token), "status", "--remote-state", "--json");
        Process logs = start(root, remoteEnv(execId, token), "logs", "--remote-state");
        assertThat(status.waitFor(120, TimeUnit.SECONDS) && logs.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String statusJson = output(root, status);
        assertThat(status.exitValue()).as(statusJson).isZero();
        String logText = output(root, logs);
        assertThat(logs.exitValue()).as(logText).isZero();
        for (int i = 1; i <= CHAIN; i++) {
            assertThat(statusJson).contains("\"c" + i + "@dev.build\"");
            assertThat(logText).contains("ran c" + i + " as c" + i + "@dev.build");
        }
        assertThat(statusJson).contains("\"succeeded\": 6").doesNotContain("\"status\": \"failed\"")
                .doesNotContain("\"status\": \"pending\"");
    }

    /** A chain c1 ← c2 ← … ← c6 whose steps write start/end timestamps; job {@code failing} exits 3. */
    static Path chain(Path root, int failing) throws IOException {
        return chain(root, failing, "false");
    }

    /** As {@link #chain(Path, int)}, but job {@code failing} succeeds once the shell test {@code passesWhen} holds. */
    static Path chain(Path root, int failing, String passesWhen) throws IOException {
        Path markers = Files.createDirectories(root.resolve("markers"));
        TestWorkspace ws = new TestWorkspace(root);
        for (int i = 1; i <= CHAIN; i++) {
            String m = markers + "/c" + i + ".$$";
            String script = "date +%s%N > " + m + ".start; echo ran c" + i + " as $ORUN_JOB_ID; sleep 0.3; date +%s%N > "
                    + m + ".end"
                    + (i == failing ? "; " + passesWhen + " || exit 3" : "");
            if (i == 1) {
                ws.component("c1", script);
            } else {
                ws.component("c" + i, script, "c" + (i - 1));
            }
        }
        ws.write();
        return markers;
    }

    static Process leg(Path root, String execId, String bearer, String component) throws IOException {
        return start(root, remoteEnv(execId, bearer), "run", "--remote-state", "--job", component + "@dev.build");
    }

    static Map<String, String> remoteEnv(String execId, String bearer) {
        return Map.of("ORUN_TOKEN", bearer, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                "ORUN_PROJECT", "web", "ORUN_EXEC_ID", execId);
    }

    /** One launcher per test workspace: its processes' output files live there. */
    private static final Map<Path, OrunProcesses> PROCESSES = new ConcurrentHashMap<>();

    static Process start(Path root, Map<String, String> env, String... args) throws IOException {
        return PROCESSES.computeIfAbsent(root, OrunProcesses::new).start(env, args);
    }

    /** Everything {@code p}, started by {@link #start} in {@code root}, wrote so far. */
    static String output(Path root, Process p) throws IOException {
        return PROCESSES.get(root).output(p);
    }

    static List<Path> markers(String prefix, String suffix, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(suffix)).toList();
        }
    }
}
