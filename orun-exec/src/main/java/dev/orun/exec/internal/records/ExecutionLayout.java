package dev.orun.exec.internal.records;

import java.nio.file.Path;

/**
 * Where each record of one execution lives. Every path that contains an id goes through
 * {@link PathSegments}, so no id can point outside {@code .orun/executions/<exec-id>/}.
 *
 * <h2>On-disk format</h2>
 * <pre>
 * executions/&lt;exec-id&gt;/
 *   plan.json            the plan as run (canonical plan JSON), written at creation
 *   journal.jsonl        one JSON line per transition, appended, never rewritten (see JournalEntry)
 *   journal.lock         locked (one OS lock) around every append
 *   state.json           the state folded up to a journal offset (a compaction, see StateFile)
 *   metadata.json        {@code RunMetadata}, its job counts compacted with state.json
 *   logs/&lt;job&gt;/&lt;step&gt;.log raw step output, streamed while the step runs
 * </pre>
 * {@code <job>} and {@code <step>} are ids encoded as one file-name segment (letters, digits and
 * {@code @._-} kept, other bytes {@code %XX}); the exec id must pass {@code ExecIds.validate}.
 */
public record ExecutionLayout(Path dir) {

    public static final String EXECUTIONS = "executions";

    public ExecutionLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code <orunDir>/executions/<execId>}; the exec id must already be validated. */
    public static ExecutionLayout of(Path orunDir, String execId) {
        return new ExecutionLayout(PathSegments.inside(executionsDir(orunDir), execId));
    }

    public static Path executionsDir(Path orunDir) {
        return orunDir.toAbsolutePath().normalize().resolve(EXECUTIONS);
    }

    public String execId() {
        return dir.getFileName().toString();
    }

    public Path stateFile() {
        return dir.resolve("state.json");
    }

    public Path metadataFile() {
        return dir.resolve("metadata.json");
    }

    public Path planFile() {
        return dir.resolve("plan.json");
    }

    public Path backgroundLog() {
        return dir.resolve("background.log");
    }

    public Path pidFile() {
        return dir.resolve("background.pid");
    }

    /** The append-only journal of transitions: the truth from which state.json is compacted. */
    public Path journalFile() {
        return dir.resolve("journal.jsonl");
    }

    /** Locked (one OS lock per run) around every append to the journal. */
    public Path journalLock() {
        return dir.resolve("journal.lock");
    }

    public Path logsDir() {
        return dir.resolve("logs");
    }

    public Path jobLogDir(String jobId) {
        return PathSegments.child(logsDir(), jobId);
    }

    public Path stepLog(String jobId, String stepId) {
        return PathSegments.inside(jobLogDir(jobId), PathSegments.encode(stepId) + ".log");
    }
}
