package dev.orun.exec.internal.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** {@code claims/<job>.owner.json}: which process holds a job, for diagnostics and lease checks. */
@JsonPropertyOrder({"jobId", "pid", "host", "claimedAt", "leaseExpiresAt"})
public record ClaimOwner(String jobId, long pid, String host, Instant claimedAt, Instant leaseExpiresAt) {

    public boolean leaseExpired(Instant now) {
        return leaseExpiresAt != null && now.isAfter(leaseExpiresAt);
    }

    public String describe() {
        return "pid " + pid + " on " + host;
    }
}
