package example.orun;

import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.StepRequest;
import dev.orun.core.runner.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code --runner nice}: every step with the host's shell at low CPU priority (nice -n 10). */
public final class NiceRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return "nice";
    }

    @Override
    public String description() {
        return "each step with sh at low CPU priority (example plugin)";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new Runner() {
            @Override
            public String name() {
                return "nice";
            }

            @Override
            public String context() {
                return "local"; // what steps see in ORUN_CONTEXT
            }

            @Override
            public List<String> describe(JobContext job) { // for --dry-run; must not start anything
                return List.of("each step: nice -n 10 sh -c <run> in " + job.workingDirectory());
            }

            @Override
            public JobSession startJob(JobContext job) {
                return new JobSession() {
                    @Override
                    public StepResult runStep(StepRequest request) throws InterruptedException {
                        return NiceRunnerProvider.run(request);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    static StepResult run(StepRequest request) throws InterruptedException {
        if (request.step().run() == null) {
            return StepResult.notRun("the nice runner cannot run use: steps");
        }
        String shell = request.step().shell() == null ? "sh" : request.step().shell();
        ProcessBuilder builder = new ProcessBuilder("nice", "-n", "10", shell, "-c", request.step().run())
                .directory(request.workingDirectory().toFile()).redirectErrorStream(true);
        builder.environment().clear(); // the step sees only what the engine hands it
        builder.environment().putAll(request.environment());
        builder.environment().putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return StepResult.notRun("cannot start " + shell + ": " + e.getMessage());
        }
        Thread copy = new Thread(() -> {
            try {
                process.getInputStream().transferTo(request.output()); // raw bytes; the engine logs them
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        copy.start();
        try {
            boolean ended = request.timeout() == null ? process.waitFor() >= 0
                    : process.waitFor(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                stop(process);
                return StepResult.timedOut("timed out after " + request.timeout().toSeconds() + "s");
            }
            copy.join();
            return StepResult.exited(process.exitValue());
        } catch (InterruptedException cancelled) { // Ctrl-C or fail-fast: stop the step, then say so
            stop(process);
            throw cancelled;
        }
    }

    private static void stop(Process process) {
        // the shell first: killed after its children, it could start the script's next command in
        // between; its children are listed before, as they are re-parented once it is gone
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
