package dev.orun.runner.docker;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;

/** {@code --runner docker}: each job in its own container, steps through {@code docker exec}. */
public final class DockerRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return DockerRunner.NAME;
    }

    @Override
    public String description() {
        return "each job in a Docker container (options: image, pull, user)";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new DockerRunner(settings);
    }
}
