package dev.orun.remote.client;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LogChunk;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunRecord;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.RunState;
import dev.orun.core.state.RunSummary;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepLog;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunEnvelope;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.RunView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read side over a state server. The server keys runs by the wire id derived from the
 * execution id, so a run is found by its exact execution id (no prefixes, no listing). A job's
 * log is one stream on the server (steps separated by {@code === step ===} headers); it is
 * presented as one entry per job, step {@code log}.
 */
final class RemoteRunRecords implements RunRecords {
    static final String LOG_STEP = "log";

    private static final Duration LONG_POLL = Duration.ofSeconds(25);

    private final StateHttp http;
    private final String execId;
    private final Map<String, Long> cursors = new HashMap<>();
    private final RemoteLogTails logTails;

    RemoteRunRecords(StateHttp http, String execId) {
        this.http = http;
        this.execId = execId;
        this.logTails = new RemoteLogTails(http);
    }

    @Override
    public List<RunSummary> list() {
        return execId == null ? List.of() : find(execId).map(List::of).orElse(List.of());
    }

    @Override
    public Optional<RunSummary> find(String id) {
        String wire = RunIds.wireRunId(id);
        try {
            RunView run = http.json(StateHttp.Call.get("/runs/" + wire, ContractVersion.REST), RunEnvelope.class).run();
            List<RunJobView> jobs = jobs(wire);
            return Optional.of(new RunSummary(id, metadata(id, run, jobs), false));
        } catch (RemoteApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw new InvalidInputException(e.getMessage());
        }
    }

    @Override
    public RunRecord read(RunSummary run) {
        List<RunJobView> views = jobs(RunIds.wireRunId(run.execId()));
        Map<String, JobState> jobs = new HashMap<>();
        List<StepLog> logs = new ArrayList<>();
        for (RunJobView v : views) {
            JobState state = JobStatuses.toJobState(v);
            jobs.put(v.jobId(), state);
            logs.add(new StepLog(v.jobId(), LOG_STEP, state.status(), state.status()));
        }
        RunState state = new RunState(run.execId(), null, run.metadata().status(), run.metadata().startedAt(),
                run.metadata().finishedAt(), jobs);
        return new RunRecord(run, state, logs);
    }

    /** Pages through the job's log from where this reader's previous read ended ({@link RemoteLogTails}). */
    @Override
    public LogChunk readLog(String id, String jobId, String stepId, long offset, int maxBytes) {
        return logTails.read(RunIds.wireRunId(id), jobId, offset, maxBytes);
    }

    /**
     * Long-polls the run's event log: returns as soon as the server records an event after the
     * last one this reader saw, or after the server's bound. The first call only learns where the
     * log ends (and returns at once, so the caller reads the state that follows it).
     */
    @Override
    public void awaitChange(RunSummary run, Duration poll) throws InterruptedException {
        String wire = RunIds.wireRunId(run.execId());
        Long from = cursors.get(wire);
        long wait = from == null ? 0 : LONG_POLL.toSeconds();
        String query = "/log?from=" + (from == null ? Long.MAX_VALUE : from) + "&wait=" + wait;
        try {
            EventPage page = http.json(StateHttp.Call.get("/runs/" + wire + query, ContractVersion.COORDINATION)
                    .timeout(StateHttp.REQUEST_TIMEOUT.plus(LONG_POLL)), EventPage.class);
            if (page.head() != null) {
                cursors.merge(wire, page.head().seq(), Math::max);
            }
        } catch (RemoteApiException e) {
            if (e.status() == 0 && Thread.interrupted()) {
                throw new InterruptedException();
            }
            throw new InvalidInputException(e.getMessage());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private List<RunJobView> jobs(String wire) {
        return http.json(StateHttp.Call.get("/runs/" + wire + "/jobs", ContractVersion.REST), JobList.class).jobs();
    }

    private static RunMetadata metadata(String execId, RunView run, List<RunJobView> jobs) {
        int pending = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        for (RunJobView j : jobs) {
            switch (JobStatuses.toStatus(j.status())) {
                case PENDING -> pending++;
                case RUNNING -> running++;
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                default -> cancelled++;
            }
        }
        Status status = switch (run.status() == null ? "" : run.status()) {
            case "succeeded" -> Status.SUCCEEDED;
            // the server marks a run failed at its first failure; it has not ended while jobs still run
            case "failed" -> running > 0 ? Status.RUNNING : Status.FAILED;
            case "canceled" -> Status.CANCELLED;
            case "running" -> Status.RUNNING;
            default -> Status.PENDING;
        };
        return new RunMetadata(execId, null, null, null, "remote", run.createdBy() == null ? null
                : run.createdBy().id(), run.source(), null, null, status, run.startedAt() == null ? run.createdAt()
                : run.startedAt(), run.finishedAt(), null,
                new JobCounts(jobs.size(), pending, running, succeeded, failed, 0, cancelled));
    }
}
