package dev.orun.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.RunnerSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Containers a dead orun process left under an execution id are removed when the id is run again. */
@Tag("slow")
class OrphanReaperTest {

    @TempDir
    Path workspace;

    private final String execId = "reap-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void cleanUp() {
        TestEngine.containersOf(execId).forEach(c ->
                TestEngine.require().removeContainerCmd(c.getId()).withForce(true).exec());
    }

    private String leftBehind(String jobId, long ownerPid) {
        DockerClient docker = TestEngine.require();
        Map<String, String> labels = new HashMap<>(ContainerLabels.forJob(execId, jobId));
        labels.put(ContainerLabels.PID, Long.toString(ownerPid));
        return docker.createContainerCmd(TestEngine.IMAGE).withLabels(labels)
                .withEntrypoint("sh", "-c", "sleep 600").exec().getId();
    }

    @Test
    void containersOfADeadOwnerGoThoseOfALiveOwnerStay() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        String orphan = leftBehind("api@dev.build", finished.pid());
        String alive = leftBehind("api@dev.test", ProcessHandle.current().pid());

        try (DockerRunner runner = new DockerRunner(new RunnerSettings(workspace,
                Map.of("image", TestEngine.IMAGE), System.getenv()))) {
            runner.startJob(new JobContext(execId, Plans.job("db@dev.build", null), workspace, workspace,
                    Map.of(), false)).close();
        }

        assertThat(TestEngine.containersOf(execId)).extracting(c -> c.getId()).containsExactly(alive)
                .doesNotContain(orphan);
    }
}
