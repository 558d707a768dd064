package dev.orun.runner.docker;

import org.junit.jupiter.api.Tag;
import static dev.orun.runner.docker.Plans.job;
import static dev.orun.runner.docker.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import dev.orun.core.runner.WorkspaceOverlay;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job given a {@link WorkspaceOverlay} runs on an overlay volume: the source tree is the
 * read-only lower layer, whatever the job writes lands in its upper directory, and {@code .orun}
 * is an empty read-only directory. Skipped with a message without an engine.
 */
@Tag("slow")
class OverlayIsolationTest {

    @TempDir
    Path workspace;

    private final String execId = "ovl-" + UUID.randomUUID().toString().substring(0, 8);
    private DockerRunner runner;

    @BeforeEach
    void engine() throws IOException {
        TestEngine.require();
        Map<String, String> host = new HashMap<>(System.getenv());
        runner = new DockerRunner(new RunnerSettings(workspace,
                Map.of("image", TestEngine.IMAGE, "pull", "never"), host));
        runner.checkAvailable();
        write("services/api/src/main.txt", "committed");
        write("services/web/index.txt", "web\n");
        write("shared/lib.sh", "echo shared\n");
        write(".orun/executions/e/jobs/web.json", "{\"status\":\"pending\"}");
        Files.createSymbolicLink(workspace.resolve("services/api/shared-link"), Path.of("../../shared"));
    }

    @AfterEach
    void cleanUp() {
        if (runner != null) {
            runner.close();
        }
        TestEngine.containersOf(execId).forEach(c ->
                TestEngine.require().removeContainerCmd(c.getId()).withForce(true).exec());
    }

    private void write(String relative, String text) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void writesThroughDotDotAbsolutePathsSymlinksAndIntoOrunLeaveTheSourceTreeByteIdentical()
            throws Exception {
        Map<String, String> before = checksums(workspace);
        Path stage = Files.createDirectories(workspace.resolve(".orun/workspaces/" + execId + "/api"));
        Path upper = Files.createDirectories(stage.resolve("upper"));
        Path work = Files.createDirectories(stage.resolve("work"));
        WorkspaceOverlay overlay = new WorkspaceOverlay(workspace, upper, work,
                List.of(workspace.resolve(".orun")));
        JobContext job = new JobContext(execId, job("api@dev.build", null), workspace,
                workspace.resolve("services/api"), Map.of(), false, overlay);
        String script = "echo sibling > ../web/index.txt; echo absolute > /workspace/shared/lib.sh; "
                + "echo through-link > shared-link/new.txt; echo own > src/main.txt; "
                + "{ echo forged > /workspace/.orun/executions/e/jobs/web.json; } 2>/dev/null || echo orun-read-only; "
                + "ls -A /workspace/.orun | wc -l; cat ../web/index.txt /workspace/shared/lib.sh";

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StepResult result;
        try (JobSession session = runner.startJob(job)) {
            result = session.runStep(new StepRequest(run("escape", script),
                    workspace.resolve("services/api"), Map.of(), null, out));
        }

        String output = out.toString(StandardCharsets.UTF_8);
        assertThat(result.succeeded()).as(output).isTrue();
        assertThat(output.lines().map(String::trim).toList())
                .containsExactly("orun-read-only", "0", "sibling", "absolute");
        Map<String, String> after = checksums(workspace);
        after.keySet().removeIf(p -> p.startsWith(".orun/workspaces"));
        assertThat(after).isEqualTo(before);
        assertThat(upper.resolve("services/web/index.txt")).hasContent("sibling");
        assertThat(upper.resolve("shared/new.txt")).hasContent("through-link");
        assertThat(TestEngine.require().listVolumesCmd()
                .withFilter("label", List.of(ContainerLabels.EXEC_ID + "=" + execId)).exec().getVolumes())
                .isNullOrEmpty();
    }

    private static Map<String, String> checksums(Path root) throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String relative = root.relativize(entry).toString();
                if (Files.isSymbolicLink(entry)) {
                    sums.put(relative, "link:" + Files.readSymbolicLink(entry));
                } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    sums.put(relative, "dir");
                } else {
                    sums.put(relative, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(entry))));
                }
            }
        }
        return sums;
    }
}
