package dev.orun.core.state;

import dev.orun.core.InvalidInputException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One run read through {@link RunRecords}: its summary, its exact state and the step logs that
 * exist. A snapshot: read it again to see progress.
 *
 * <p>Made by {@link RunRecords} implementations; read by the CLI's {@code status} and
 * {@code logs}. Immutable, any thread.
 */
public record RunRecord(RunSummary summary, RunState state, List<StepLog> logs) {

    public RunRecord {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    public String execId() {
        return summary.execId();
    }

    public RunMetadata metadata() {
        return summary.metadata();
    }

    public boolean inProgress() {
        return summary.inProgress();
    }

    /** Counts from the exact state (the listing's may lag). */
    public JobCounts jobCounts() {
        return JobCounts.of(state.jobs().values());
    }

    /**
     * The job a user means by {@code idOrPrefix}: the exact id, else the only job id starting with
     * it. None or several → {@link InvalidInputException} (exit 2) naming the candidates.
     */
    public String resolveJob(String idOrPrefix) {
        Set<String> ids = new TreeSet<>(state.jobs().keySet());
        logs.forEach(log -> ids.add(log.jobId()));
        if (ids.contains(idOrPrefix)) {
            return idOrPrefix;
        }
        List<String> matches = ids.stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException("no job \"" + idOrPrefix + "\" in run " + execId() + "; jobs: "
                    + abbreviated(List.copyOf(ids)));
        }
        throw new InvalidInputException("job \"" + idOrPrefix + "\" is ambiguous in run " + execId()
                + "; it matches " + abbreviated(matches));
    }

    private static String abbreviated(List<String> ids) {
        int max = 8;
        String shown = String.join(", ", ids.subList(0, Math.min(max, ids.size())));
        return ids.size() > max ? shown + ", … (" + ids.size() + " in all)" : shown;
    }
}
