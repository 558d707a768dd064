package dev.orun.exec.internal.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which process runs which job. A job is held while its {@code claims/<job>.lock} is locked
 * ({@link FileLocks}); the lock is kept for the job's whole duration and vanishes with its
 * process, so a crash leaves the job claimable. Next to it, {@code claims/<job>.owner.json} names
 * the holder (pid, host, lease) for messages — and decides alone on file systems that refuse locks,
 * where a live, unexpired lease means the job is held.
 */
public final class JobClaims implements AutoCloseable {

    /** Marks a claim taken without an OS lock (the file system does not support locking). */
    private static final Optional<FileLocks.Held> UNLOCKED = Optional.empty();

    private final ExecutionLayout layout;
    private final Clock clock;
    private final Map<String, Optional<FileLocks.Held>> held = new ConcurrentHashMap<>();

    public JobClaims(ExecutionLayout layout, Clock clock) {
        this.layout = layout;
        this.clock = clock;
    }

    public boolean holds(String jobId) {
        return held.containsKey(jobId);
    }

    /** Takes the job's lock for this process; false when another live holder has it. */
    public synchronized boolean tryLock(String jobId) {
        if (held.containsKey(jobId)) {
            return true;
        }
        Path lockFile = layout.claimLock(jobId);
        try {
            Optional<FileLocks.Held> lock = FileLocks.tryLock(lockFile);
            if (lock.isEmpty()) {
                return false;
            }
            held.put(jobId, lock);
            return true;
        } catch (IOException e) {
            // No locking on this file system: fall back to the owner record's lease.
            Optional<ClaimOwner> owner = owner(jobId);
            if (owner.isPresent() && !owner.get().leaseExpired(clock.instant())
                    && Processes.mayBeAlive(owner.get().host(), owner.get().pid())) {
                return false;
            }
            held.put(jobId, UNLOCKED);
            return true;
        }
    }

    /** Records this process as the holder of a job it locked, with a lease from now. */
    public void recordOwner(String jobId, Duration lease) {
        var now = clock.instant();
        AtomicFiles.write(layout.claimOwner(jobId), RecordsJson.pretty(
                new ClaimOwner(jobId, Processes.pid(), Processes.host(), now, now.plus(lease))));
    }

    public void renew(String jobId, Duration lease) {
        if (!holds(jobId)) {
            return;
        }
        var now = clock.instant();
        var claimedAt = owner(jobId).map(ClaimOwner::claimedAt).orElse(now);
        AtomicFiles.write(layout.claimOwner(jobId), RecordsJson.pretty(
                new ClaimOwner(jobId, Processes.pid(), Processes.host(), claimedAt, now.plus(lease))));
    }

    /** Drops the owner record, then the lock, so no one ever sees a record without its lock. */
    public synchronized void release(String jobId) {
        Optional<FileLocks.Held> lock = held.remove(jobId);
        if (lock == null) {
            return;
        }
        try {
            Files.deleteIfExists(layout.claimOwner(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.ifPresent(FileLocks.Held::close);
        }
    }

    /** Whether a live holder other than this backend has the job right now. */
    public synchronized boolean heldElsewhere(String jobId) {
        if (held.containsKey(jobId)) {
            return false;
        }
        if (!tryLock(jobId)) {
            return true;
        }
        Optional<FileLocks.Held> lock = held.remove(jobId);
        lock.ifPresent(FileLocks.Held::close);
        return false;
    }

    public Optional<ClaimOwner> owner(String jobId) {
        try {
            return RecordsJson.read(layout.claimOwner(jobId), ClaimOwner.class);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Ids of jobs some process recorded as held (the records of dead holders included). */
    public java.util.List<String> recordedOwners() {
        Path dir = layout.claimsDir();
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (var files = Files.newDirectoryStream(dir, "*.owner.json")) {
            var ids = new java.util.ArrayList<String>();
            for (Path file : files) {
                RecordsJson.read(file, ClaimOwner.class).ifPresent(owner -> ids.add(owner.jobId()));
            }
            return ids;
        } catch (IOException | UncheckedIOException e) {
            return java.util.List.of();
        }
    }

    /** Lets go of every lock this backend holds; the jobs become claimable by others. */
    @Override
    public synchronized void close() {
        for (String jobId : java.util.List.copyOf(held.keySet())) {
            Optional<FileLocks.Held> lock = held.remove(jobId);
            lock.ifPresent(FileLocks.Held::close);
        }
    }
}
