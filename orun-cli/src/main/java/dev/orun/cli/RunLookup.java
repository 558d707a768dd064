package dev.orun.cli;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.RunSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The error for a run {@code status} or {@code logs} cannot find: names recent runs, or says there are none. */
final class RunLookup {

    private static final int RECENT = 5;

    private RunLookup() {
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
