package dev.orun.exec.internal.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orun.core.state.JobState;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Moves a pre-v0.10 {@code <workspace>/.orun-state.json} into the execution records, once. The
 * legacy file is first renamed to {@code .orun-state.json.migrated} — an atomic step only one
 * process can win, so two runs starting together never migrate it twice — and then converted into
 * {@code .orun/executions/migrated-<yyyyMMdd-HHmmss>/} ({@code state.json} + {@code metadata.json}).
 * The legacy shape is {@code {planChecksum, jobs: {<id>: {status, startedAt, finishedAt, lastError,
 * steps: {<step>: status}}}}} with the old vocabulary ({@code completed} for succeeded).
 */
public final class LegacyStateMigration {

    public static final String LEGACY_FILE = ".orun-state.json";
    public static final String MIGRATED_SUFFIX = ".migrated";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private LegacyStateMigration() {
    }

    /**
     * Migrates the legacy file of the workspace that owns {@code orunDir}, if there is one.
     *
     * @return the exec id of the migrated run, or empty when there was nothing to migrate
     */
    public static Optional<String> migrateIfPresent(Path orunDir, Clock clock) {
        Path workspace = orunDir.toAbsolutePath().normalize().getParent();
        Path legacy = workspace.resolve(LEGACY_FILE);
        Path migrated = workspace.resolve(LEGACY_FILE + MIGRATED_SUFFIX);
        if (!Files.isRegularFile(legacy)) {
            return Optional.empty();
        }
        try {
            AtomicFiles.move(legacy, migrated);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot migrate " + legacy + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(convert(migrated, orunDir, clock));
        } catch (RuntimeException e) {
            try {
                AtomicFiles.move(migrated, legacy);
            } catch (IOException ignored) {
                // the data is still in the .migrated file; the error below names the problem
            }
            throw e;
        }
    }

    private static String convert(Path file, Path orunDir, Clock clock) {
        JsonNode root;
        try {
            root = RecordsJson.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read legacy state " + file + ": " + e.getMessage(), e);
        }
        String checksum = text(root, "planChecksum");
        Map<String, JobState> jobs = new TreeMap<>();
        JsonNode jobNodes = root.path("jobs");
        for (Iterator<Map.Entry<String, JsonNode>> it = jobNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            jobs.put(entry.getKey(), job(entry.getKey(), entry.getValue()));
        }
        Instant started = jobs.values().stream().map(JobState::startedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElseGet(() -> modified(file));
        Instant finished = jobs.values().stream().map(JobState::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(started);
        Status status = runStatus(jobs.values());

        String execId = uniqueExecId(orunDir, "migrated-" + STAMP.format(clock.instant()));
        ExecutionLayout layout = ExecutionLayout.of(orunDir, execId);
        RunState state = new RunState(execId, checksum, status, started, finished, jobs);
        String planId = checksum == null ? null : PlanIds.shortId(checksum);
        RunMetadata metadata = new RunMetadata(execId, null, checksum, planId, null, null,
                "migrated", null, null, status, started, finished, null, JobCounts.of(jobs.values()))
                .withProgress(status, finished, JobCounts.of(jobs.values()));
        AtomicFiles.write(layout.stateFile(), RecordsJson.snapshot(state));
        AtomicFiles.write(layout.metadataFile(), RecordsJson.pretty(metadata));
        return execId;
    }

    private static JobState job(String id, JsonNode node) {
        List<StepState> steps = new ArrayList<>();
        Status jobStatus = status(text(node, "status"));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("steps").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> step = it.next();
            steps.add(new StepState(step.getKey(), status(step.getValue().asText()), null, null, null, null));
        }
        return new JobState(id, jobStatus, jobStatus == Status.PENDING ? 0 : 1,
                instant(text(node, "startedAt")), instant(text(node, "finishedAt")),
                text(node, "lastError"), steps);
    }

    /** The old vocabulary folded into the current one. */
    static Status status(String legacy) {
        if (legacy == null) {
            return Status.PENDING;
        }
        return switch (legacy.trim().toLowerCase(Locale.ROOT)) {
            case "completed", "succeeded", "success", "ok", "passed" -> Status.SUCCEEDED;
            case "failed", "error" -> Status.FAILED;
            case "running", "in_progress", "started" -> Status.RUNNING;
            case "skipped" -> Status.SKIPPED;
            case "cancelled", "canceled" -> Status.CANCELLED;
            default -> Status.PENDING;
        };
    }

    private static Status runStatus(java.util.Collection<JobState> jobs) {
        if (jobs.stream().anyMatch(job -> job.status() == Status.FAILED)) {
            return Status.FAILED;
        }
        if (!jobs.isEmpty() && jobs.stream().allMatch(job -> job.status() == Status.SUCCEEDED)) {
            return Status.SUCCEEDED;
        }
        // A legacy run that stopped half-way is over: no process will ever finish it.
        return Status.CANCELLED;
    }

    private static String uniqueExecId(Path orunDir, String base) {
        String id = base;
        for (int n = 2; Files.exists(ExecutionLayout.of(orunDir, id).dir()); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
