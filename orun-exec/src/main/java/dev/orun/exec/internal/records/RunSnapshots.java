package dev.orun.exec.internal.records;

import dev.orun.core.state.JobCounts;
import dev.orun.core.state.RunMetadata;

/**
 * Compacts a run's journal into {@code state.json} and {@code metadata.json} (never on the hot
 * path). A compaction holds one lock from computing its snapshot to writing it: without it the
 * background writer could compute a snapshot, lose the CPU, and write it after the final one,
 * leaving {@code state.json} at {@code running} for good (nothing changes afterwards, so no later
 * compaction repairs it). So snapshots reach the disk in journal order and the last one written is
 * the newest. Taken before the fold's lock.
 */
public final class RunSnapshots {

    /** The fold caught up with the journal, with the lock that guards it. */
    public interface Source {
        Object lock();

        /** Caught up with every append; called holding {@link #lock()}. */
        RecordedRun caughtUp();
    }

    private final ExecutionLayout layout;
    private final String execId;
    private final SnapshotWrites writes;
    private final Object compactionLock = new Object();
    private volatile RunMetadata metadata;
    private volatile String planChecksum;
    private volatile long compactedOffset = -1;

    public RunSnapshots(ExecutionLayout layout, String execId, SnapshotWrites writes) {
        this.layout = layout;
        this.execId = execId;
        this.writes = writes;
    }

    /** What the metadata says of the run apart from its progress, set when the run opens. */
    public void describe(RunMetadata metadata, String planChecksum) {
        this.metadata = metadata;
        this.planChecksum = planChecksum;
    }

    /** True when the journal has grown past what the files on disk show. */
    public boolean behind(long journalOffset) {
        return journalOffset != compactedOffset;
    }

    /** Rewrites state.json and metadata.json from the fold (atomically). */
    public void compact(Source source) {
        synchronized (compactionLock) {
            StateFile snapshot;
            RunMetadata meta;
            synchronized (source.lock()) {
                RecordedRun recorded = source.caughtUp();
                RunFold fold = recorded.fold();
                long offset = recorded.tail().offset();
                snapshot = fold.toSnapshot(execId, planChecksum, offset);
                meta = metadata.withProgress(fold.status(), fold.finishedAt(), JobCounts.of(snapshot.jobs().values()));
                metadata = meta;
                compactedOffset = offset;
            }
            writes.write(layout.stateFile(), RecordsJson.snapshot(snapshot));
            writes.write(layout.metadataFile(), RecordsJson.pretty(meta));
        }
    }
}
