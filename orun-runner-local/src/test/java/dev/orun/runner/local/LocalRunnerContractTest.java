package dev.orun.runner.local;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.contract.RunnerContract;
import java.nio.file.Path;
import java.util.Map;

/** The local runner keeps the runner contract: real {@code sh} processes on this machine. */
class LocalRunnerContractTest extends RunnerContract {

    @Override
    protected Runner newRunner(Path workspace) {
        Runner runner = new LocalRunnerProvider().create(
                new RunnerSettings(workspace, Map.of(), System.getenv()));
        runner.checkAvailable();
        return runner;
    }
}
