package dev.orun.cli;

import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A third-party runner as a plugin author would write one: registered in
 * {@code META-INF/services}, it records each step it is given and runs it with {@code sh -c},
 * with only the environment the engine hands it.
 */
public final class RecordingRunnerProvider implements RunnerProvider {

    private static final List<String> STEPS = new CopyOnWriteArrayList<>();

    static List<String> steps() {
        return List.copyOf(STEPS);
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new Runner() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public String context() {
                return "local";
            }

            @Override
            public JobSession startJob(JobContext job) {
                return new JobSession() {
                    @Override
                    public StepResult runStep(StepRequest request) throws InterruptedException {
                        STEPS.add(job.job().id() + "/" + request.environment().get("ORUN_STEP_ID"));
                        ProcessBuilder builder = new ProcessBuilder("sh", "-c", request.step().run())
                                .directory(request.workingDirectory().toFile())
                                .redirectErrorStream(true);
                        builder.environment().put("PATH", System.getenv("PATH"));
                        try {
                            Process process = builder.start();
                            try (InputStream in = process.getInputStream()) {
                                in.transferTo(request.output());
                            }
                            return StepResult.exited(process.waitFor());
                        } catch (IOException e) {
                            return StepResult.notRun(e.getMessage());
                        }
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
