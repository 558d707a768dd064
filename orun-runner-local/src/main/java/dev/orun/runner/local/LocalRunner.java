package dev.orun.runner.local;

import dev.orun.core.InvalidInputException;
import dev.orun.core.runner.JobContext;
import dev.orun.core.runner.JobSession;
import dev.orun.core.runner.Runner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs steps as local processes; see {@link LocalJobSession} and {@link ShellCommand}. */
final class LocalRunner implements Runner {

    private final Map<String, String> hostEnvironment;

    LocalRunner(Map<String, String> hostEnvironment) {
        this.hostEnvironment = Map.copyOf(hostEnvironment);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String context() {
        return "local";
    }

    @Override
    public void checkAvailable() {
        String path = hostEnvironment.getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "sh"))) {
                return;
            }
        }
        throw new InvalidInputException("local runner: no sh found on PATH (" + path + ")");
    }

    @Override
    public List<String> describe(JobContext job) {
        List<String> lines = new ArrayList<>();
        lines.add("runner: local (host shell; each step's process tree is tracked and stopped "
                + "with it)");
        return lines;
    }

    @Override
    public JobSession startJob(JobContext job) {
        return new LocalJobSession(job, hostEnvironment);
    }
}
