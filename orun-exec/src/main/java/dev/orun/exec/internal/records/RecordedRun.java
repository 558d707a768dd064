package dev.orun.exec.internal.records;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.PlanJson;
import dev.orun.core.state.RunMetadata;
import dev.orun.core.state.RunState;
import dev.orun.core.state.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One run's records folded: {@code state.json} (the snapshot) plus the journal lines after it,
 * kept up to date by {@link #refresh()} at the cost of what was appended since. When the snapshot
 * is missing or unreadable but the journal exists, the state is rebuilt from the plan copy and the
 * whole journal — the journal is the truth, the snapshot only saves reading it. Not thread-safe.
 */
public final class RecordedRun {

    private final ExecutionLayout layout;
    private final RunFold fold = new RunFold();
    private final JournalTail tail;
    private final String planChecksum;

    private RecordedRun(ExecutionLayout layout, JournalTail tail, String planChecksum) {
        this.layout = layout;
        this.tail = tail;
        this.planChecksum = planChecksum;
    }

    /**
     * Loads the run, or empty when nothing is recorded for it yet.
     *
     * @throws InvalidInputException when the records cannot be read, naming the file and what to do
     */
    public static Optional<RecordedRun> load(ExecutionLayout layout, Plan planOrNull) {
        Optional<StateFile> snapshot = readSnapshot(layout);
        boolean journal = Files.exists(layout.journalFile());
        if (snapshot.isEmpty() && !journal) {
            return Optional.empty();
        }
        RecordedRun run;
        if (snapshot.isPresent()) {
            run = new RecordedRun(layout, new JournalTail(layout.journalFile(), snapshot.get().journalOffset()),
                    snapshot.get().planChecksum());
            run.fold.seed(snapshot.get());
        } else {
            Plan plan = planOrNull != null ? planOrNull : readPlan(layout);
            run = new RecordedRun(layout, new JournalTail(layout.journalFile(), 0),
                    plan == null ? null : plan.metadata().checksum());
            if (plan != null) {
                plan.jobs().forEach(job -> run.fold.putIfAbsent(
                        JobStates.seeded(job.id(), job, Status.PENDING, 0, null)));
            }
        }
        run.refresh();
        return Optional.of(run);
    }

    /** Applies the journal lines appended since the last refresh. */
    public void refresh() {
        for (JournalEntry entry : tail.readNew()) {
            fold.apply(entry);
        }
    }

    public RunFold fold() {
        return fold;
    }

    public JournalTail tail() {
        return tail;
    }

    public String planChecksum() {
        return planChecksum;
    }

    public RunState state(String execId) {
        return fold.toRunState(execId, planChecksum);
    }

    public ExecutionLayout layout() {
        return layout;
    }

    /**
     * {@code state.json}, or empty when it is missing — or unreadable while a journal exists to
     * rebuild it from.
     */
    static Optional<StateFile> readSnapshot(ExecutionLayout layout) {
        Path file = layout.stateFile();
        try {
            StateFile state = StateFileReader.read(Files.readAllBytes(file));
            if (state.jobs().values().stream().anyMatch(job -> job == null || job.status() == null)) {
                throw new IOException("a job without a status");
            }
            return Optional.of(state);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (Files.exists(layout.journalFile())) {
                return Optional.empty();
            }
            String why = e instanceof IOException io ? RecordsJson.reason(io) : String.valueOf(e.getMessage());
            throw new InvalidInputException(file + ": unreadable (" + why + ") and there is no journal to"
                    + " rebuild it from; start a new --exec-id");
        }
    }

    /**
     * {@code metadata.json}, or empty when missing.
     *
     * @throws InvalidInputException when it exists but cannot be read
     */
    public static Optional<RunMetadata> readMetadata(ExecutionLayout layout) {
        Path file = layout.metadataFile();
        try {
            RunMetadata meta = MetadataReader.read(Files.readAllBytes(file));
            return Optional.of(meta);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? RecordsJson.reason(io) : String.valueOf(e.getMessage());
            throw new InvalidInputException(file + ": unreadable (" + why + "); resume the run with orun run"
                    + " --exec-id " + layout.execId() + " to rewrite it from the journal, or start a new --exec-id");
        }
    }

    private static Plan readPlan(ExecutionLayout layout) {
        try {
            return Files.isRegularFile(layout.planFile()) ? PlanJson.read(layout.planFile()) : null;
        } catch (RuntimeException e) {
            return null; // jobs then appear as the journal mentions them
        }
    }
}
