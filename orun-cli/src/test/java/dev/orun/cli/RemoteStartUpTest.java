package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a remote run sets up once per process: against a backend on plain http it loads the JDK's
 * HTTP client but not its TLS stack (the default TLS context parses the whole trust store; see
 * docs/decisions/cli-start-up.md). Class loading is read from the JVM's own log.
 */
@Tag("slow")
class RemoteStartUpTest {
    static final String ONE_JOB_PLAN = "{\"apiVersion\":\"orun.io/v1\",\"kind\":\"Plan\",\"metadata\":{\"name\":\"one\"},"
            + "\"execution\":{\"concurrency\":1},\"jobs\":[{\"id\":\"a@dev.build\",\"name\":\"build\",\"component\":\"a\","
            + "\"environment\":\"dev\",\"path\":\".\",\"steps\":[{\"id\":\"noop\",\"run\":\"echo ran >> ran.txt\"}]}]}";

    @Test
    void aRemoteRunOverPlainHttpSetsUpNoTls(@TempDir Path root) throws Exception {
        Path ws = Files.createDirectories(root.resolve("ws"));
        Files.writeString(ws.resolve("plan.json"), ONE_JOB_PLAN);
        Path classes = root.resolve("classes.log");
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            ProcessBuilder builder = new ProcessBuilder(OrunProcess.command(List.of("-Xlog:class+load:file=" + classes),
                    "run", "plan.json", "--remote-state", "--exec-id", "tls-free", "--isolation", "none"))
                    .directory(ws.toFile()).redirectErrorStream(true).redirectOutput(root.resolve("out.txt").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("ORUN_") || k.startsWith("ACTIONS_"));
            builder.environment().putAll(java.util.Map.of("ORUN_TOKEN", server.token("acme", "web"),
                    "ORUN_BACKEND_URL", server.url(), "ORUN_ORG", "acme", "ORUN_PROJECT", "web",
                    "ORUN_HOME", root.resolve("home").toString()));
            Process run = builder.start();

            assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(run.exitValue()).as(Files.readString(root.resolve("out.txt"))).isZero();
        }
        String loaded = Files.readString(classes);
        assertThat(Files.readAllLines(ws.resolve("ran.txt"))).containsExactly("ran");
        assertThat(loaded).as("the run went through the HTTP client")
                .contains("java.net.http.HttpClient ", "dev.orun.remote.client.StateHttp ");
        assertThat(loaded).as("no TLS context, no trust store")
                .doesNotContain("sun.security.ssl.SSLContextImpl", "sun.security.ssl.TrustStoreManager",
                        "sun.security.x509.X509CertImpl ");
    }
}
