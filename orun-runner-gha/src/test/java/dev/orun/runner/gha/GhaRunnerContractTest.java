package dev.orun.runner.gha;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.contract.RunnerContract;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The github-actions runner keeps the runner contract with plain run: steps. */
class GhaRunnerContractTest extends RunnerContract {

    @Override
    protected Runner newRunner(Path workspace) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("GITHUB_ACTIONS");
        Runner runner = new GhaRunnerProvider().create(new RunnerSettings(workspace, Map.of(), env));
        runner.checkAvailable();
        return runner;
    }
}
