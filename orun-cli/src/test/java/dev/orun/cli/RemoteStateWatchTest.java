package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code orun status --remote-state --watch} and {@code orun logs --remote-state --follow} wait
 * on the server's event long-poll: while nothing happens they send (almost) no requests, and
 * they wake and end as soon as the run does. The request counts come from the server's own
 * {@code /metrics}.
 */
@Tag("slow")
class RemoteStateWatchTest {
    private static final Pattern GET_COUNT = Pattern.compile(
            "orun_http_request_duration_seconds_count\\{method=\"GET\",route=\"([^\"]*)\",status=\"\\d+\"} (\\d+)");

    @Test
    void watch_and_follow_sleep_on_the_long_poll_and_end_when_the_run_ends(@TempDir Path root) throws Exception {
        Path gate = root.resolve("gate");
        Path started = root.resolve("started");
        new TestWorkspace(root).component("w", "touch " + started + "; echo waiting; while [ ! -f " + gate
                + " ]; do sleep 0.1; done; echo released").write();
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"), "--lease-seconds", "90")) {
            String token = server.token("acme", "web");
            Map<String, String> env = Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                    "ORUN_PROJECT", "web", "ORUN_EXEC_ID", "watch-" + UUID.randomUUID());
            OrunProcesses orun = new OrunProcesses(root);
            Process runner = orun.start(env, "run", "--remote-state");
            awaitTrue(() -> Files.exists(started) || !runner.isAlive(), 180);
            assertThat(runner.isAlive()).as(orun.output(runner)).isTrue();

            Process watch = orun.start(env, "status", "--remote-state", "--watch");
            Process follow = orun.start(env, "logs", "--remote-state", "--follow");
            // each has read the log's head once and is now inside its long-poll
            awaitTrue(() -> gets(server, "/log") >= 2 || !watch.isAlive() || !follow.isAlive(), 180);
            assertThat(watch.isAlive()).as(orun.output(watch)).isTrue();
            assertThat(follow.isAlive()).as(orun.output(follow)).isTrue();
            Thread.sleep(1_000);

            long before = gets(server, "");
            Thread.sleep(6_000);
            long during = gets(server, "") - before;
            assertThat(during).as("GET requests in 6 quiet seconds (1 s / 250 ms polling would send 30+)")
                    .isLessThanOrEqualTo(4);

            Files.writeString(gate, "");
            assertThat(runner.waitFor(120, TimeUnit.SECONDS)).isTrue();
            long ended = System.nanoTime();
            assertThat(watch.waitFor(30, TimeUnit.SECONDS)).as("status --watch ended").isTrue();
            assertThat(follow.waitFor(30, TimeUnit.SECONDS)).as("logs --follow ended").isTrue();
            long lag = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ended);
            assertThat(lag).as("both ended within seconds of the run (not at the 25 s long-poll bound)")
                    .isLessThan(10_000);
            assertThat(runner.exitValue()).as(orun.output(runner)).isZero();
            assertThat(orun.output(runner)).as("the summary's hint finds the run on the server")
                    .contains("orun status --remote-state --exec-id " + env.get("ORUN_EXEC_ID"));
            assertThat(watch.exitValue()).as(orun.output(watch)).isZero();
            assertThat(orun.output(watch)).contains("w@dev.build");
            assertThat(follow.exitValue()).as(orun.output(follow)).isZero();
            assertThat(orun.output(follow)).contains("waiting").contains("released");
        }
    }

    /** GET requests the server answered so far on routes containing {@code route}. */
    private static long gets(StateServerProcess server, String route) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        long total = 0;
        Matcher m = GET_COUNT.matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("/state/") && m.group(1).contains(route)) {
                total += Long.parseLong(m.group(2));
            }
        }
        return total;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.holds()) {
            assertThat(System.nanoTime()).as("condition met within %d s", seconds).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
