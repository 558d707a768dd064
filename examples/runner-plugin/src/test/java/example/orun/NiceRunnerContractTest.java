package example.orun;

import dev.orun.core.runner.Runner;
import dev.orun.core.runner.RunnerSettings;
import dev.orun.core.runner.contract.RunnerContract;
import java.nio.file.Path;
import java.util.Map;

/** The example plugin keeps the contract every runner must keep (dev.orun:orun-core:tests). */
class NiceRunnerContractTest extends RunnerContract {

    @Override
    protected Runner newRunner(Path workspace) {
        return new NiceRunnerProvider().create(new RunnerSettings(workspace, Map.of(), System.getenv()));
    }
}
