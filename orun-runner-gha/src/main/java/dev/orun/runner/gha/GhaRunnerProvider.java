package dev.orun.runner.gha;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerProvider;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.runner.gha.internal.GhaRunner;

/** The {@code github-actions} runner: GitHub-Actions-compatible steps, found through ServiceLoader. */
public final class GhaRunnerProvider implements RunnerProvider {

    @Override
    public String name() {
        return "github-actions";
    }

    @Override
    public String description() {
        return "github-actions: run: and use: steps as GitHub Actions runs them (expressions, "
                + "workflow commands, local, cached and docker actions)";
    }

    @Override
    public Runner create(RunnerSettings settings) {
        return new GhaRunner(settings);
    }
}
