package dev.orun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.orun.core.OrunException;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.Runners;
import dev.orun.runner.docker.ContainerLabels;
import dev.orun.runner.docker.EngineDiscovery;
import dev.orun.runner.docker.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * {@code orun run --runner docker} end to end, in a child JVM with a real process environment,
 * against the real engine and the image scripts/docker-test-image.sh imports (no registry here).
 * Skipped only when no Docker engine is reachable or the image cannot be built.
 */
@Tag("slow")
class DockerRunnerCliTest {

    private static final String IMAGE = TestImage.NAME;
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @BeforeEach
    void engine() {
        try (Runner docker = Runners.find("docker").create(new RunnerSettings(tmp, Map.of(), System.getenv()))) {
            docker.checkAvailable();
        } catch (OrunException e) {
            assumeTrue(false, "skipped: no Docker engine reachable (" + e.getMessage()
                    + "); run scripts/start-dockerd.sh, as .ci/run does");
        }
        TestImage.ensure().ifPresent(why -> assumeTrue(false, "skipped: " + why));
    }

    private record Run(int exitCode, String output) {
    }

    /** bin/orun's equivalent: a fresh JVM on the test class path, in {@code dir}, with {@code env} added. */
    private static Run orun(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.orun.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("CI", "true");
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Map<String, String> dockerEnv() {
        return Map.of("ORUN_DOCKER_IMAGE", IMAGE, "ORUN_DOCKER_PULL", "never");
    }

    @Test
    void theExamplesRunInDockerWithTheSameJobsStatusesAndStepOutputAsLocally() throws Exception {
        Path local = TestTrees.copy(EXAMPLES, tmp.resolve("local"));
        Path docker = TestTrees.copy(EXAMPLES, tmp.resolve("docker"));

        // a unique id: other test runs on the same engine must not be mistaken for leftovers
        String execId = "cmp-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Run localRun = orun(local, Map.of(), "run", "--exec-id", execId);
        Run dockerRun = orun(docker, dockerEnv(), "run", "--runner", "docker", "--exec-id", execId);

        assertThat(localRun.exitCode()).as(localRun.output()).isZero();
        assertThat(dockerRun.exitCode()).as(dockerRun.output()).isZero();
        Path localRecord = local.resolve(".orun/executions/" + execId);
        Path dockerRecord = docker.resolve(".orun/executions/" + execId);
        assertThat(statuses(dockerRecord)).isEqualTo(statuses(localRecord)).isNotEmpty();
        assertThat(logs(dockerRecord)).isEqualTo(logs(localRecord)).isNotEmpty();
        assertThat(orunContainers(execId)).as("every job's container is removed").isEmpty();
    }

    @Test
    void stepsInDockerSeeThePlansVariablesButNotTheHostEnvironment() throws Exception {
        Path ws = probeWorkspace(tmp.resolve("probe"));

        Run run = orun(ws, Map.of("SECRET_TOKEN", "host-secret-value", "ORUN_DOCKER_IMAGE", IMAGE,
                "ORUN_DOCKER_PULL", "never"), "run", "--runner", "docker", "--exec-id", "env");

        assertThat(run.exitCode()).as(run.output()).isZero();
        String env = Files.readString(ws.resolve(".orun/executions/env/logs/probe@dev.check/env.log"));
        assertThat(env).contains("ORUN_CONTEXT=container", "ORUN_RUNNER=docker", "ORUN_JOB_ID=probe@dev.check",
                "PROBE_LEVEL=declared", "PWD=/workspace/services/probe");
        assertThat(env).doesNotContain("SECRET_TOKEN").doesNotContain("host-secret-value")
                .doesNotContain("JAVA_HOME").doesNotContain("ORUN_DOCKER_IMAGE");
    }

    /** Job id → status, and job id/step id → status, from state.json. */
    @Test
    void sigintRemovesEveryContainerOfTheRunRecordsCancelledAndExits130() throws Exception {
        String execId = "int-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        TestWorkspace ws = new TestWorkspace(tmp.resolve("ws"))
                .component("db", "echo started > started.txt; sleep 600")
                .component("api", "echo api", "db")
                .write();
        Path started = ws.root().resolve("services/db/started.txt");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.orun.cli.Main",
                "run", "--runner", "docker", "--isolation", "none", "--exec-id", execId));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ws.root().toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile());
        builder.environment().putAll(dockerEnv());
        builder.environment().put("CI", "true");
        Process orun = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(started)) {
            assertThat(orun.isAlive()).as(Files.readString(tmp.resolve("out.txt"))).isTrue();
            assertThat(System.nanoTime()).as("waiting for the step to start").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(orunContainers(execId)).as("the job's container runs").hasSize(1);

        OrunProcess.signal(orun, "INT");

        assertThat(orun.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(orun.exitValue()).as(Files.readString(tmp.resolve("out.txt"))).isEqualTo(130);
        assertThat(orunContainers(execId)).as("no orun container of the run is left").isEmpty();
        assertThat(Files.readString(ws.root().resolve(".orun/executions/" + execId + "/state.json")))
                .contains("\"cancelled\"").doesNotContain("\"running\"");
    }

    private static Map<String, String> statuses(Path record) throws IOException {
        JsonNode jobs = new ObjectMapper().readTree(record.resolve("state.json").toFile()).path("jobs");
        Map<String, String> statuses = new TreeMap<>();
        jobs.fields().forEachRemaining(job -> {
            statuses.put(job.getKey(), job.getValue().path("status").asText());
            job.getValue().path("steps").forEach(step -> statuses.put(job.getKey() + "/" + step.path("stepId").asText(),
                    step.path("status").asText() + " exit " + step.path("exitCode").asText()));
        });
        return statuses;
    }

    /** Relative log path → content. */
    private static Map<String, String> logs(Path record) throws IOException {
        Map<String, String> logs = new TreeMap<>();
        Path dir = record.resolve("logs");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                logs.put(dir.relativize(file).toString(), Files.readString(file));
            }
        }
        return logs;
    }

    private static List<String> orunContainers(String execId) throws IOException {
        java.net.URI host = EngineDiscovery.fromEnvironment(System.getenv()).discover().host();
        try (DockerClient docker = DockerClientImpl.getInstance(
                DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host.toString()).build(),
                new ZerodepDockerHttpClient.Builder().dockerHost(host).build())) {
            return docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ContainerLabels.EXEC_ID, execId)).exec().stream()
                    .map(Container::getId).toList();
        }
    }

    private static Path probeWorkspace(Path root) throws IOException {
        write(root.resolve("intent.yaml"), """
                apiVersion: orun.io/v1
                kind: Intent
                metadata: {name: probe}
                compositions:
                  sources:
                    - {name: platform, kind: dir, path: ./platform}
                discovery:
                  roots: [services]
                environments:
                  dev: {}
                """);
        write(root.resolve("platform/stack.yaml"), """
                apiVersion: orun.io/v1
                kind: Stack
                metadata: {name: probe-stack, version: 0.1.0}
                """);
        write(root.resolve("platform/compositions/probe/compositions.yaml"), """
                apiVersion: orun.io/v1
                kind: Composition
                metadata: {name: probe}
                spec:
                  type: probe
                  jobs:
                    - name: check
                      steps:
                        - name: env
                          env: {PROBE_LEVEL: declared}
                          run: env | sort
                """);
        write(root.resolve("services/probe/component.yaml"), """
                apiVersion: orun.io/v1
                kind: Component
                metadata: {name: probe}
                spec:
                  type: probe
                  subscribe:
                    environments: [dev]
                """);
        return root;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
