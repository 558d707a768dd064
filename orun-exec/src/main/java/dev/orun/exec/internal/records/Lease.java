package dev.orun.exec.internal.records;

import java.time.Instant;

/** The current claim on a job as the journal records it: who holds it, with which epoch, until when. */
public record Lease(long epoch, Holder holder, Instant until) {

    /** Whether someone other than {@code self} defends this claim right now. */
    public boolean heldAgainst(Holder self, Instant now) {
        if (holder.id().equals(self.id())) {
            return false;
        }
        return (until == null || now.isBefore(until)) && holder.mayBeAlive();
    }

    /** Whether anyone (including {@code self}) defends this claim right now. */
    public boolean live(Instant now) {
        return (until == null || now.isBefore(until)) && holder.mayBeAlive();
    }
}
