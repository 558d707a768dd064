package dev.orun.runner.local;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;

/** The {@code local} runner: steps run as processes on this machine, on top of the host environment. */
public final class LocalRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public String description() {
        return "local: run steps with the host's shell in the workspace";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new LocalRunner(settings.hostEnvironment());
    }
}
