package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runners sharing one run in whole-plan mode learn what the others did from the event log rather
 * than by asking about every job: a job seen succeeding elsewhere is neither claimed nor read
 * again, a job seen claimed by another runner is waited for without a claim, a claim refused
 * because the job ended is explained by the log rather than the job list, and only a step's start
 * checks the lease of a short job. Counts come from the server's own
 * {@code /metrics} (decision: docs/decisions/remote-state-client.md, "Requests per job").
 */
@Tag("slow")
class RemoteStateWholePlanRequestsTest {
    private static final int JOBS = 30;
    private static final int RUNNERS = 4;
    private static final Pattern CLAIMS = Pattern.compile("orun_claims_total\\{result=\"[^\"]*\"} (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile(
            "orun_http_request_duration_seconds_count\\{method=\"([A-Z]+)\",route=\"([^\"]*)\",status=\"\\d+\"} (\\d+)");

    @Test
    void runners_skip_jobs_the_event_log_showed_succeeding(@TempDir Path root) throws Exception {
        Path marks = Files.createDirectories(root.resolve("marks"));
        TestWorkspace workspace = new TestWorkspace(root);
        for (int i = 0; i < JOBS; i++) {
            String name = String.format("c%02d", i);
            String script = "echo ran >> " + marks.resolve(name);
            if (i == 0) {
                workspace.component(name, script);
            } else {
                workspace.component(name, script, String.format("c%02d", (i - 1) / 2)); // a binary tree
            }
        }
        workspace.write();
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            String token = server.token("acme", "web");
            Map<String, String> env = Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                    "ORUN_PROJECT", "web", "ORUN_EXEC_ID", "whole-" + UUID.randomUUID());
            OrunProcesses orun = new OrunProcesses(root);
            List<Process> runners = new ArrayList<>();
            for (int r = 0; r < RUNNERS; r++) {
                runners.add(orun.start(env, "run", "--remote-state", "--concurrency", "1"));
            }
            for (Process runner : runners) {
                assertThat(runner.waitFor(300, TimeUnit.SECONDS)).isTrue();
                assertThat(runner.exitValue()).as(orun.output(runner)).isZero();
            }
            for (int i = 0; i < JOBS; i++) {
                assertThat(Files.readAllLines(marks.resolve(String.format("c%02d", i))))
                        .as("c%02d ran exactly once", i).containsExactly("ran");
            }
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            long claims = sum(CLAIMS, metrics);
            // a runner that asks about every job claims each at least once: JOBS * RUNNERS; one that
            // remembers what the event log said skips those it saw succeed or saw claimed elsewhere
            assertThat(claims).as("claims for %d jobs by %d runners", JOBS, RUNNERS).isLessThan(3L * JOBS);
            // claim, heartbeat and complete share one route; every job is completed once, so the rest
            // are heartbeats: a step starting moments after its claim needs none (the claim confirmed
            // the lease), one starting later (a stalled, very loaded runner) one; the timer's only for
            // long jobs (docs/decisions/remote-state-client.md, "The lease check before a step")
            long heartbeats = requests(metrics, "POST", "/jobs/{jobVerb}") - claims - JOBS;
            assertThat(heartbeats).as("heartbeats for %d jobs of one short step each", JOBS)
                    .isLessThanOrEqualTo(JOBS / 2L);
            assertThat(requests(metrics, "GET", "/jobs")).as("job-list reads").isLessThanOrEqualTo(JOBS / 2);
            // about 6.5 per job under load (claims ~1.8, completion 1, long-polls ~3, the
            // rest start-up); a runner that claimed every job would send more than 4 claims per job alone
            long total = requests(metrics, "", "");
            assertThat(total).as("all requests for %d jobs by %d runners:%n%s", JOBS, RUNNERS, metrics)
                    .isLessThanOrEqualTo(9L * JOBS);
        }
    }

    /** Requests the server answered whose method starts with {@code method} and route ends with {@code route}. */
    private static long requests(String metrics, String method, String route) {
        long total = 0;
        Matcher m = REQUESTS.matcher(metrics);
        while (m.find()) {
            if (m.group(1).startsWith(method) && m.group(2).endsWith(route)) {
                total += Long.parseLong(m.group(3));
            }
        }
        return total;
    }

    private static long sum(Pattern counter, String metrics) {
        long total = 0;
        Matcher m = counter.matcher(metrics);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
