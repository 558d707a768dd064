package dev.orun.cli;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StateBackendSettings;
import dev.orun.core.state.StateBackends;
import dev.orun.core.state.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** How {@code status}, {@code logs} and {@code run --job} find a run: through the read SPI only. */
final class RunLookup {

    private static final int RECENT = 5;

    private RunLookup() {
    }

    /** The read side of the default ({@code file}) state backend, found through its provider. */
    static RunRecords records(Path orunDir) {
        return StateBackends.find(StateBackends.DEFAULT).records(StateBackendSettings.of(orunDir));
    }

    /** The run {@code execIdOrNull} names (an id or unique prefix), or the latest; unknown → exit 2. */
    static RunRecord load(RunRecords records, String execIdOrNull, Path orunDir) {
        return records.read((execIdOrNull == null ? records.latest() : records.find(execIdOrNull))
                .orElseThrow(() -> unknown(records, execIdOrNull, orunDir)));
    }

    /** The most recently started run of the plan with this checksum. */
    static java.util.Optional<RunSummary> latestOfPlan(RunRecords records, String planChecksum) {
        return records.list().stream()
                .filter(run -> planChecksum != null && planChecksum.equals(run.metadata().planChecksum()))
                .findFirst();
    }

    static InvalidInputException unknown(RunRecords records, String execIdOrNull, Path orunDir) {
        List<RunSummary> recent = records.list();
        String subject = execIdOrNull == null ? "no runs recorded" : "unknown execution \"" + execIdOrNull + "\"";
        if (recent.isEmpty()) {
            return new InvalidInputException(subject + " in " + orunDir.resolve("executions") + "; start one with: orun run");
        }
        String shown = recent.stream().limit(RECENT).map(RunSummary::execId).collect(Collectors.joining(", "));
        if (recent.size() > RECENT) {
            shown += ", … (" + recent.size() + " in all; orun status --all)";
        }
        return new InvalidInputException(subject + "; recent runs: " + shown);
    }
}
