package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/orun}'s class-data-sharing archives, on a copy of the launcher and the packaged jars
 * (so they need {@code package} first: failsafe runs them after it). With orun-backend's jar
 * beside it, the launcher trains a third archive on a real remote run against a scratch server,
 * and a remote run then loads the HTTP client and the remote client from it; without that jar it
 * still builds the local archives. Where classes came from is read from the JVM's class-load log.
 */
@Tag("slow")
class LauncherArchivesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = REPO.resolve("orun-cli/target/orun.jar");
    private static final Path BACKEND_JAR = REPO.resolve("orun-backend/target/orun-backend.jar");
    private static final String SHARED = " source: shared objects file";
    private static final String DEFAULT_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto";

    @Test
    void aRemoteRunLoadsTheRemoteClientFromAnArchiveTrainedOnARealBackend(@TempDir Path root) throws Exception {
        assumeTrue(Files.isRegularFile(JAR) && Files.isRegularFile(BACKEND_JAR), "needs the packaged jars");
        Path home = install(root.resolve("orun"), true);
        Path ws = workspace(root);

        Launch build = launch(home, ws, Map.of("ORUN_CDS", "wait"), "--version");

        assertThat(build.exit).as(build.output).isZero();
        Path full = archive(home, "full");
        Path remote = archive(home, "remote");
        assertThat(archive(home, "read")).exists();
        assertThat(Files.isSameFile(full, remote)).as("a remote archive of its own").isFalse();
        assertThat(Files.size(remote)).isGreaterThan(Files.size(full));
        try (StateServerProcess server = StateServerProcess.serve(root.resolve("server"))) {
            Path classes = root.resolve("remote.classes");
            Launch run = launch(home, ws, Map.of("ORUN_TOKEN", server.token("acme", "web"), "ORUN_BACKEND_URL",
                    server.url(), "ORUN_ORG", "acme", "ORUN_PROJECT", "web", "ORUN_JAVA_OPTS", logging(classes)),
                    "run", "plan.json", "--remote-state", "--exec-id", "remote-1", "--isolation", "none");

            assertThat(run.exit).as(run.output).isZero();
            assertThat(Files.readString(classes)).contains("java.net.http.HttpClient" + SHARED,
                    "dev.orun.remote.client.StateHttp" + SHARED, "dev.orun.remote.client.RemoteStateBackend" + SHARED,
                    "dev.orun.remote.protocol.ClaimResponse" + SHARED);
        }
        Path localClasses = root.resolve("local.classes");
        Launch local = launch(home, ws, Map.of("ORUN_JAVA_OPTS", logging(localClasses)),
                "run", "plan.json", "--exec-id", "local-1", "--isolation", "none");
        assertThat(local.exit).as(local.output).isZero();
        assertThat(Files.readString(localClasses)).contains("dev.orun.exec.internal.ExecutionEngine" + SHARED)
                .doesNotContain("java.net.http.HttpClient ");
    }

    @Test
    void withoutABackendJarTheLauncherStillBuildsItsArchives(@TempDir Path root) throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "needs the packaged jar");
        Path home = install(root.resolve("orun"), false);
        Path ws = workspace(root);

        Launch build = launch(home, ws, Map.of("ORUN_CDS", "wait"), "--version");

        assertThat(build.exit).as(build.output).isZero();
        assertThat(archive(home, "read")).exists();
        assertThat(Files.isSameFile(archive(home, "full"), archive(home, "remote")))
                .as("no backend to train on: the remote archive is the full one, not built again").isTrue();
        Path classes = root.resolve("local.classes");
        Launch local = launch(home, ws, Map.of("ORUN_JAVA_OPTS", logging(classes)),
                "run", "plan.json", "--exec-id", "local-1", "--isolation", "none");
        assertThat(local.exit).as(local.output).isZero();
        assertThat(Files.readString(classes)).contains("dev.orun.exec.internal.ExecutionEngine" + SHARED);
    }

    private record Launch(int exit, String output) {
    }

    /** The launcher's layout: bin/, examples/ and the jars where a build leaves them. */
    private static Path install(Path home, boolean withBackend) throws IOException {
        Files.createDirectories(home.resolve("bin/lib"));
        for (String script : List.of("bin/orun", "bin/orun-backend", "bin/lib/cds.sh")) {
            Files.copy(REPO.resolve(script), home.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        TestTrees.copy(REPO.resolve("examples"), home.resolve("examples"));
        Files.createDirectories(home.resolve("orun-cli/target"));
        Files.copy(JAR, home.resolve("orun-cli/target/orun.jar"));
        if (withBackend) {
            Files.createDirectories(home.resolve("orun-backend/target"));
            Files.copy(BACKEND_JAR, home.resolve("orun-backend/target/orun-backend.jar"));
        }
        return home;
    }

    private static Path workspace(Path root) throws IOException {
        Path ws = Files.createDirectories(root.resolve("ws"));
        Files.writeString(ws.resolve("plan.json"), RemoteStartUpTest.ONE_JOB_PLAN);
        return ws;
    }

    /** The one archive of {@code kind} the launcher keeps for the installed jar. */
    private static Path archive(Path home, String kind) throws IOException {
        try (var files = Files.list(home.resolve("orun-cli/target"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("orun-cds-" + kind + "-")
                    && f.getFileName().toString().endsWith(".jsa")).toList();
            assertThat(found).as("%s archive", kind).hasSize(1);
            return found.get(0);
        }
    }

    private static String logging(Path classes) {
        return DEFAULT_OPTS + " -Xlog:class+load:file=" + classes;
    }

    private static Launch launch(Path home, Path cwd, Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(cwd.getParent(), "launch-", ".out");
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/orun").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("ORUN_") || k.startsWith("GITHUB_") || k.startsWith("ACTIONS_"));
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("ORUN_HOME", cwd.getParent().resolve("orun-home").toString());
        environment.putAll(new HashMap<>(env));
        Process p = builder.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("bin/orun " + String.join(" ", args) + " did not end: " + Files.readString(out));
        }
        return new Launch(p.exitValue(), Files.readString(out));
    }
}
