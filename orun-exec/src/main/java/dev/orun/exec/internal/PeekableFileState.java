package dev.orun.exec.internal;

import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StepState;
import dev.orun.core.state.Status;
import dev.orun.exec.records.ExecutionRecords;
import dev.orun.exec.records.FileStateBackend;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The local records with {@link #peek()}: the recorded state read without creating the execution,
 * so a selection refused as bad input leaves nothing on disk.
 */
public final class PeekableFileState implements StateBackend {

    private final Path orunDir;
    private final String execId;
    private final FileStateBackend delegate;

    public PeekableFileState(Path orunDir, String execId) {
        this.orunDir = orunDir;
        this.execId = execId;
        this.delegate = new FileStateBackend(orunDir, execId);
    }

    @Override
    public Optional<RunState> peek() {
        ExecutionRecords records = new ExecutionRecords(orunDir);
        try {
            return records.find(execId).filter(summary -> summary.execId().equals(execId))
                    .map(summary -> records.read(summary).state())
                    .or(() -> Optional.of(new RunState(execId, null, Status.PENDING, null, null,
                            null)));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // the engine validates after open() instead
        }
    }

    @Override
    public RunState open(RunDescriptor run) {
        return delegate.open(run);
    }

    @Override
    public void resetJob(String jobId) {
        delegate.resetJob(jobId);
    }

    @Override
    public ClaimResult claim(String jobId, Duration lease) {
        return delegate.claim(jobId, lease);
    }

    @Override
    public void heartbeat(String jobId, Duration lease) {
        delegate.heartbeat(jobId, lease);
    }

    @Override
    public void stepStarted(String jobId, String stepId, Instant at) {
        delegate.stepStarted(jobId, stepId, at);
    }

    @Override
    public void stepFinished(String jobId, StepState step) {
        delegate.stepFinished(jobId, step);
    }

    @Override
    public void jobFinished(String jobId, Status status, Instant at, String error) {
        delegate.jobFinished(jobId, status, at, error);
    }

    @Override
    public OutputStream openLog(String jobId, String stepId) {
        return delegate.openLog(jobId, stepId);
    }

    @Override
    public RunState read() {
        return delegate.read();
    }

    @Override
    public void finish(Status status, Instant at) {
        delegate.finish(status, at);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
