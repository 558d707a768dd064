package dev.orun.exec.internal.records;

import dev.orun.core.state.ClaimResult;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.JobState;
import dev.orun.core.state.LeaseLostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What one holder (this backend) may do with a job, decided on the whole history (a fold caught
 * up under the journal lock with every line appended since the holder last looked):
 * {@code succeeded}/{@code failed} → {@code ALREADY_DONE}; held by a live holder whose lease has
 * not expired → {@code HELD_ELSEWHERE}; anything else — pending, skipped, cancelled, or left
 * {@code running} by a process that is gone — is granted with the next epoch. A holder is alive
 * while its backend is open (this JVM), or its process exists (this host); for another host only
 * the lease decides. Every later write must carry the current epoch of a claim this holder owns.
 */
public final class LeaseRules {

    private final Holder holder;
    private final Clock clock;

    public LeaseRules(Holder holder, Clock clock) {
        this.holder = holder;
        this.clock = clock;
    }

    /** Claims {@code jobId} when it may, appending the claim through {@code append}. */
    public ClaimResult claim(RunFold fold, String jobId, Duration lease, Consumer<JournalEntry> append) {
        JobState job = fold.job(jobId);
        if (RunFold.finishedForGood(job.status())) {
            return ClaimResult.alreadyDone(job.status());
        }
        Instant now = clock.instant();
        Optional<Lease> current = fold.lease(jobId);
        if (current.isPresent() && owns(current.get())) {
            return ClaimResult.claimed(new ClaimToken(jobId, current.get().epoch()), current.get().until());
        }
        if (current.isPresent() && current.get().heldAgainst(holder, now)) {
            return ClaimResult.heldElsewhere(job.status());
        }
        long epoch = fold.epoch(jobId) + 1;
        Instant until = now.plus(lease);
        append.accept(JournalEntry.claim(jobId, epoch, now, until, holder));
        return ClaimResult.claimed(new ClaimToken(jobId, epoch), until);
    }

    /** Another live holder defends the job now. */
    public boolean heldElsewhere(RunFold fold, String jobId) {
        return heldElsewhere(fold, jobId, clock.instant());
    }

    private boolean heldElsewhere(RunFold fold, String jobId, Instant now) {
        Optional<Lease> lease = fold.lease(jobId);
        return lease.isPresent() && lease.get().heldAgainst(holder, now);
    }

    /** Of {@code jobIds}, those a waiter may act on now: done for good, or not defended by another holder. */
    public Map<String, JobState> actionable(RunFold fold, Collection<String> jobIds) {
        Map<String, JobState> free = new HashMap<>();
        Instant now = clock.instant();
        for (String id : jobIds) {
            JobState job = fold.job(id);
            if (RunFold.finishedForGood(job.status()) || !heldElsewhere(fold, id, now)) {
                free.put(id, job);
            }
        }
        return free;
    }

    /** Another live holder defends some job of the run now. */
    public boolean othersRunning(RunFold fold) {
        Instant now = clock.instant();
        return fold.leases().values().stream().anyMatch(lease -> lease.heldAgainst(holder, now));
    }

    /** Refuses a write unless {@code token} is the job's current claim, owned by this holder. */
    public void requireCurrent(ClaimToken token, RunFold fold) {
        Optional<Lease> lease = fold.lease(token.jobId());
        if (fold.epoch(token.jobId()) != token.epoch()) {
            throw new LeaseLostException(token, "the job was claimed again since (epoch "
                    + fold.epoch(token.jobId()) + ")");
        }
        if (lease.isEmpty() || !owns(lease.get())) {
            throw new LeaseLostException(token, "the claim was released or the job was reset");
        }
    }

    /** The releases of every job this holder still holds unfinished. */
    public List<JournalEntry> releasesOwned(RunFold fold) {
        List<JournalEntry> releases = new ArrayList<>();
        fold.leases().forEach((jobId, lease) -> {
            if (owns(lease)) {
                releases.add(JournalEntry.release(jobId, lease.epoch()));
            }
        });
        return releases;
    }

    private boolean owns(Lease lease) {
        return lease.holder().id().equals(holder.id());
    }
}
