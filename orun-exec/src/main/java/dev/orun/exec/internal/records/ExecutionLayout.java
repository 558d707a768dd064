package dev.orun.exec.internal.records;

import java.nio.file.Path;

/**
 * Where each record of one execution lives. Every path that contains an id goes through
 * {@link PathSegments}, so no id can point outside {@code .orun/executions/<exec-id>/}.
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

    /** Serialises {@code open} between processes joining the same run. */
    public Path openLock() {
        return dir.resolve(".open.lock");
    }

    public Path jobsDir() {
        return dir.resolve("jobs");
    }

    public Path jobFile(String jobId) {
        return PathSegments.inside(jobsDir(), PathSegments.encode(jobId) + ".json");
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

    public Path claimsDir() {
        return dir.resolve("claims");
    }

    public Path claimLock(String jobId) {
        return PathSegments.inside(claimsDir(), PathSegments.encode(jobId) + ".lock");
    }

    public Path claimOwner(String jobId) {
        return PathSegments.inside(claimsDir(), PathSegments.encode(jobId) + ".owner.json");
    }
}
