package dev.orun.exec;

import static dev.orun.exec.Plans.job;
import static dev.orun.exec.Plans.plan;
import static dev.orun.exec.Plans.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orun.core.event.ProgressEvent;
import dev.orun.core.plan.Plan;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.nio.charset.StandardCharsets;
import dev.orun.core.state.Status;
import dev.orun.exec.records.FileRunRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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

        ExecutionResult result = Orun.run(root).plan(plan)
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

    @Test
    void anEmbedderPassesItsOwnRunnerInstanceWhichTheRunUsesAndLeavesOpen() throws Exception {
        Plan plan = plan(true, 1, job("lib", "dev", "build", "", List.of(),
                run("compile", "echo from-the-shell")));
        EchoingRunner runner = new EchoingRunner();

        ExecutionResult result = Orun.run(root).plan(plan)
                .options(RunOptions.defaults().withIsolation(Isolation.NONE, false))
                .runner(runner)
                .run();

        assertThat(result.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(result.runner()).isEqualTo("embedded");
        assertThat(root.resolve(".orun/executions/" + result.execId() + "/logs/lib@dev.build/compile.log"))
                .hasContent("embedded ran: echo from-the-shell");
        assertThat(runner.closed.get()).isFalse();
    }

    /** A runner an embedder wrote: prints what it was asked to run instead of starting a shell. */
    private static class EchoingRunner implements Runner {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public String context() {
            return "local";
        }

        @Override
        public JobSession startJob(JobContext job) {
            return new JobSession() {
                @Override
                public StepResult runStep(StepRequest request) {
                    try {
                        request.output().write(("embedded ran: " + request.step().run() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        return StepResult.notRun(e.toString());
                    }
                    return StepResult.exited(0);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aRunnerBugIsRecordedWithItsExceptionClassNotAsNull() {
        Plan plan = plan(true, 1, job("lib", "dev", "build", "", List.of(), run("compile", "true")));
        Runner broken = new EchoingRunner() {
            @Override
            public JobSession startJob(JobContext job) {
                throw new NullPointerException();
            }
        };

        ExecutionResult result = Orun.run(root).plan(plan)
                .options(RunOptions.defaults().withIsolation(Isolation.NONE, false))
                .runner(broken)
                .run();

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.jobs().get(0).error()).isEqualTo("java.lang.NullPointerException");
    }
}
