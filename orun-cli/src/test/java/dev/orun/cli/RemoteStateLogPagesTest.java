package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orun.remote.client.RunIds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * {@code orun logs --remote-state} reads a job's log the way the server pages it: a log longer
 * than one page (the server answers at most 512 chunks per read) is printed whole and in order,
 * and each page is asked for once, from the chunk after the last one read ({@code ?fromSeq=}),
 * never the whole log again.
 */
@Tag("slow")
class RemoteStateLogPagesTest {
    private static final int CHUNKS = 530;
    private static final Pattern LOG_GETS = Pattern.compile(
            "orun_http_request_duration_seconds_count\\{method=\"GET\",route=\"[^\"]*/logs/\\{jobId}\",status=\"\\d+\"} (\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_log_longer_than_one_page_is_printed_whole_reading_each_page_once(@TempDir Path root) throws Exception {
        new TestWorkspace(root).component("w", "echo from-the-step").write();
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            String token = server.token("acme", "web");
            String execId = "pages-" + UUID.randomUUID();
            Map<String, String> env = Map.of("ORUN_TOKEN", token, "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme",
                    "ORUN_PROJECT", "web", "ORUN_EXEC_ID", execId);
            OrunProcesses orun = new OrunProcesses(root);
            Process runner = orun.start(env, "run", "--remote-state");
            assertThat(runner.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.exitValue()).as(orun.output(runner)).isZero();

            // more chunks for the job, written as its runner would (the job's runner id): two pages' worth
            String runPath = server.url() + "/v1/organizations/acme/projects/web/state/runs/" + RunIds.wireRunId(execId);
            HttpClient http = HttpClient.newHttpClient();
            JsonNode jobs = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(runPath + "/jobs"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body());
            String runnerId = jobs.path("data").path("jobs").get(0).path("runnerId").asText(null);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < CHUNKS; i++) {
                String line = String.format("chunk-%04d", i);
                lines.add(line);
                String body = JSON.writeValueAsString(Map.of("runnerId", runnerId, "content", line + "\n"));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(runPath + "/logs/w@dev.build"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }

            long before = logGets(http, server);
            Process logs = orun.start(env, "logs", "--remote-state");
            assertThat(logs.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = orun.output(logs);
            assertThat(logs.exitValue()).as(out).isZero();
            assertThat(out).contains("from-the-step");
            List<String> printed = new ArrayList<>();
            Matcher chunk = Pattern.compile("chunk-\\d{4}").matcher(out);
            while (chunk.find()) {
                printed.add(chunk.group());
            }
            assertThat(printed).as("every chunk, in order").containsExactlyElementsOf(lines);
            assertThat(logGets(http, server) - before).as("log reads: two pages and the empty read after them")
                    .isLessThanOrEqualTo(3);
        }
    }

    private static long logGets(HttpClient http, StateServerProcess server) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long total = 0;
        Matcher m = LOG_GETS.matcher(metrics);
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }
}
