package dev.orun.exec;

import static dev.orun.exec.Plans.job;
import static dev.orun.exec.Plans.plan;
import static dev.orun.exec.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Plan;
import dev.orun.core.state.Status;
import dev.orun.exec.records.FileRunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build tool embedding orun: plan in, result and events out, records on disk, no CLI. */
class EmbeddingApiTest {

    @TempDir
    Path root;

    @Test
    void aPlanRunsThroughTheEmbeddingApiIntoTheLocalRecords() throws Exception {
        Plan plan = plan(true, 2,
                job("lib", "dev", "build", "", List.of(), run("compile", "echo compiled")),
                job("app", "dev", "build", "", List.of("lib@dev.build"), run("package", "echo packaged")));
        List<String> events = new CopyOnWriteArrayList<>();

        ExecutionResult result = Orun.runner(root).plan(plan)
                .options(RunOptions.defaults().withIsolation(Isolation.NONE, false))
                .listener(event -> {
                    if (event instanceof ProgressEvent.JobFinished finished) {
                        events.add(finished.jobId() + " " + finished.status().wireName());
                    } else if (event instanceof ProgressEvent.RunFinished finished) {
                        events.add("run " + finished.status().wireName());
                    }
                })
                .run();

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.execId()).startsWith("test-");
        assertThat(events).containsExactly("lib@dev.build succeeded", "app@dev.build succeeded",
                "run succeeded");
        var recorded = new FileRunRecords(root.resolve(".orun")).load(result.execId());
        assertThat(recorded.state().job("app@dev.build").status()).isEqualTo(Status.SUCCEEDED);
        assertThat(root.resolve(".orun/executions/" + result.execId() + "/logs/lib@dev.build/compile.log")).hasContent("compiled");
    }
}
