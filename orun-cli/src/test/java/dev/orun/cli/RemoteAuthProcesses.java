package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code orun} processes with a chosen environment (nothing inherited from ORUN_/GITHUB_), and what they printed. */
final class RemoteAuthProcesses {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final OrunProcesses processes;

    RemoteAuthProcesses(Path root) {
        this.processes = new OrunProcesses(root);
    }

    Process start(Map<String, String> env, String... args) throws IOException {
        return processes.start(env, args);
    }

    /** Runs to the end; the exit code and everything it printed. */
    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(env, args);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("orun %s finished", String.join(" ", args)).isTrue();
        return new Result(p.exitValue(), output(p));
    }

    String output(Process p) throws IOException {
        return processes.output(p);
    }

    /** Waits until the process printed something matching {@code pattern}; its first group. */
    String await(Process p, Pattern pattern) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = pattern.matcher(output(p));
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + pattern + " in: " + output(p));
    }

    record Result(int exitCode, String output) {
        /**
         * The lines orun printed; the test class path carries two SLF4J providers (the backend's
         * and orun's), whose start-up notice is not orun's output.
         */
        List<String> orunLines() {
            return output.strip().lines().filter(l -> !l.startsWith("SLF4J(")).toList();
        }
    }

    /** A GET with a bearer token straight to the backend; the status. */
    static int get(String url, String bearer) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A JSON POST straight to the backend; status and body. */
    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
