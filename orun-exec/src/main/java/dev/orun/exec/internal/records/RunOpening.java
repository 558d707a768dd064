package dev.orun.exec.internal.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Job;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunDescriptor;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.Status;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Creates an execution's records, or joins the ones already there (resume, or another process of
 * the same run), refusing a different plan. The caller holds the journal lock.
 */
public final class RunOpening {

    /** What the backend works on once the run is open. */
    public record Opened(RecordedRun recorded, RunMetadata metadata, String planChecksum) {
    }

    private final ExecutionLayout layout;
    private final String execId;
    private final Clock clock;

    public RunOpening(ExecutionLayout layout, String execId, Clock clock) {
        this.layout = layout;
        this.execId = execId;
        this.clock = clock;
    }

    /** Opens {@code run}, whose plan's jobs are {@code planJobs}, with the plan checksum {@code checksum}. */
    public Opened open(RunDescriptor run, String checksum, Collection<Job> planJobs) {
        Optional<RunMetadata> recordedMeta = readMetadataForResume();
        Optional<RecordedRun> existing = RecordedRun.load(layout, run.plan());
        Opened opened = existing.isPresent()
                ? join(run, checksum, planJobs, recordedMeta, existing.get())
                : create(run, checksum, planJobs);
        opened.recorded().fold().startedAtIfMissing(opened.metadata().startedAt());
        return opened;
    }

    private Optional<RunMetadata> readMetadataForResume() {
        try {
            return RecordedRun.readMetadata(layout);
        } catch (InvalidInputException unreadable) {
            return Optional.empty(); // rewritten from the journal and this run's descriptor
        }
    }

    private Opened create(RunDescriptor run, String checksum, Collection<Job> planJobs) {
        Instant now = clock.instant();
        RecordsWrites.atomic(layout.planFile(), PlanJson.toBytes(run.plan()));
        RunFold fold = new RunFold();
        planJobs.forEach(job -> fold.putIfAbsent(JobStates.seeded(job.id(), job, Status.PENDING, 0, null)));
        RecordsWrites.atomic(layout.stateFile(), RecordsJson.snapshot(
                new StateFile(execId, checksum, Status.RUNNING, now, null, 0,
                        Map.of(), Map.of(), fold.toRunState(execId, checksum).jobs())));
        return new Opened(RecordedRun.load(layout, run.plan()).orElseThrow(), describe(run, checksum, now), checksum);
    }

    private Opened join(RunDescriptor run, String checksum, Collection<Job> planJobs,
                        Optional<RunMetadata> recordedMeta, RecordedRun existing) {
        String before = recordedMeta.map(RunMetadata::planChecksum).orElse(existing.planChecksum());
        if (before != null && !before.equals(checksum)) {
            throw new InvalidInputException("execution " + execId + " was started with plan "
                    + PlanIds.shortId(before) + ", not " + PlanIds.shortId(checksum)
                    + " (the plan changed since); resume it with its own plan: orun run .orun/executions/"
                    + execId + "/plan.json --exec-id " + execId + ", or start anew without --exec-id");
        }
        planJobs.forEach(job -> existing.fold().putIfAbsent(JobStates.seeded(job.id(), job, Status.PENDING, 0, null)));
        if (!Files.exists(layout.planFile())) {
            RecordsWrites.atomic(layout.planFile(), PlanJson.toBytes(run.plan()));
        }
        Instant startedAt = recordedMeta.map(RunMetadata::startedAt)
                .or(() -> Optional.ofNullable(existing.fold().startedAt())).orElse(clock.instant());
        return new Opened(existing, describe(run, checksum, startedAt), checksum);
    }

    private RunMetadata describe(RunDescriptor run, String checksum, Instant startedAt) {
        return new RunMetadata(execId, run.plan().metadata().name(), checksum, run.plan().planId(),
                run.runner(), run.user(), run.trigger(), Processes.host(), Processes.pid(),
                Status.RUNNING, startedAt, null, null, JobCounts.NONE);
    }
}
