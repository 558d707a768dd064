package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunState;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A state backend kept in memory, shared by the "processes" of a test through one instance: the
 * same claim rules as the local records (a job is granted unless it succeeded, failed or is held).
 */
final class InMemoryStateBackend implements StateBackend {

    private final Map<String, JobState> jobs = new HashMap<>();
    private final Map<String, ByteArrayOutputStream> logs = new HashMap<>();
    private final List<String> transitions = new ArrayList<>();
    private String checksum;
    private String execId;
    private Status finalStatus;
    private boolean opened;

    @Override
    public synchronized Optional<RunState> peek() {
        return opened ? Optional.of(read()) : Optional.empty();
    }

    @Override
    public synchronized RunState open(RunDescriptor run) {
        if (checksum != null && !checksum.equals(run.plan().metadata().checksum())) {
            throw new InvalidInputException("execution " + run.execId() + " ran another plan");
        }
        checksum = run.plan().metadata().checksum();
        execId = run.execId();
        opened = true;
        return read();
    }

    @Override
    public synchronized void resetJob(String jobId) {
        jobs.remove(jobId);
        transitions.add("reset " + jobId);
    }

    @Override
    public synchronized ClaimResult claim(String jobId, Duration lease) {
        JobState current = jobs.get(jobId);
        if (current != null && (current.status() == Status.SUCCEEDED
                || current.status() == Status.FAILED)) {
            return new ClaimResult(ClaimResult.Outcome.ALREADY_DONE, current.status());
        }
        if (current != null && current.status() == Status.RUNNING) {
            return new ClaimResult(ClaimResult.Outcome.HELD_ELSEWHERE, Status.RUNNING);
        }
        jobs.put(jobId, new JobState(jobId, Status.RUNNING, 1, Instant.now(), null, null, List.of()));
        transitions.add("claim " + jobId);
        return ClaimResult.claimed();
    }

    @Override
    public synchronized void heartbeat(String jobId, Duration lease) {
    }

    @Override
    public synchronized void stepStarted(String jobId, String stepId, Instant at) {
        transitions.add("step-start " + jobId + " " + stepId);
    }

    @Override
    public synchronized void stepFinished(String jobId, StepState step) {
        JobState current = jobs.getOrDefault(jobId, JobState.pending(jobId));
        List<StepState> steps = new ArrayList<>(current.steps());
        steps.add(step);
        jobs.put(jobId, new JobState(jobId, current.status(), current.attempts(),
                current.startedAt(), current.finishedAt(), current.error(), steps));
    }

    @Override
    public synchronized void jobFinished(String jobId, Status status, Instant at, String error) {
        JobState current = jobs.getOrDefault(jobId, JobState.pending(jobId));
        jobs.put(jobId, new JobState(jobId, status, current.attempts(), current.startedAt(), at,
                error, current.steps()));
        transitions.add(status.wireName() + " " + jobId);
    }

    @Override
    public synchronized OutputStream openLog(String jobId, String stepId) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        logs.put(jobId + "/" + stepId, log);
        return log;
    }

    @Override
    public synchronized RunState read() {
        return new RunState(execId, checksum, finalStatus == null ? Status.RUNNING : finalStatus,
                null, null, new HashMap<>(jobs));
    }

    @Override
    public synchronized void finish(Status status, Instant at) {
        finalStatus = status;
    }

    @Override
    public void close() {
    }

    synchronized String log(String jobId, String stepId) {
        ByteArrayOutputStream log = logs.get(jobId + "/" + stepId);
        return log == null ? null : log.toString(StandardCharsets.UTF_8);
    }

    synchronized List<String> transitions() {
        return List.copyOf(transitions);
    }

    synchronized Status finalStatus() {
        return finalStatus;
    }

    /** A factory handing out this backend whatever the execution id (one run per test). */
    StateBackendFactory factory() {
        return (orunDir, id) -> this;
    }

    /** A view that does not close the shared instance. */
    static StateBackend unclosable(StateBackend backend) {
        return backend;
    }
}
