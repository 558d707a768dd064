package dev.orun.remote.client;

import dev.orun.core.state.ClaimToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The lease this process holds on a job: when it was granted, and when the server last confirmed
 * it (by the claim or a heartbeat), on this process's monotonic clock. It answers the two questions
 * {@link RemoteStateBackend} asks before a step and after a failed heartbeat.
 */
final class HeldLease {
    /**
     * A step (and its log) starts without asking the server again when the lease was confirmed
     * less than this long ago, measured from when the confirming request was sent: the lease then
     * still has nearly all of its lifetime left (a lease lives many heartbeat intervals), so no one
     * else can hold the job. Older than that, a heartbeat confirms it first (the holder may have
     * stalled for longer than its lease). Decision: docs/decisions/remote-state-client.md, "The
     * lease check before a step".
     */
    static final Duration FRESH = Duration.ofSeconds(2);

    final ClaimToken token;
    final int attempt;
    final Instant claimedAt = Instant.now();
    /** When the last confirmation was answered: the lease runs at most this long after. */
    private volatile long confirmedNanos;
    /** When that confirming request was sent: the server renewed the lease no earlier than this. */
    private volatile long confirmSentNanos;
    /** How long the server keeps the lease without a heartbeat (its answer to the claim and to each heartbeat). */
    private volatile long leaseNanos;

    HeldLease(ClaimToken token, int attempt, int leaseSeconds, long sentNanos, long answeredNanos) {
        this.token = token;
        this.attempt = attempt;
        this.leaseNanos = TimeUnit.SECONDS.toNanos(leaseSeconds);
        this.confirmSentNanos = sentNanos;
        this.confirmedNanos = answeredNanos;
    }

    /** A heartbeat sent at {@code sentNanos} was answered at {@code answeredNanos}; {@code leaseSeconds} <= 0 keeps the lease's length. */
    void confirmed(long sentNanos, long answeredNanos, int leaseSeconds) {
        confirmSentNanos = sentNanos;
        confirmedNanos = answeredNanos;
        if (leaseSeconds > 0) {
            leaseNanos = TimeUnit.SECONDS.toNanos(leaseSeconds);
        }
    }

    /**
     * No heartbeat of ours reached the server for longer than the lease: it has expired there
     * (confirmedNanos is taken after the server's answer, so this is never early) and the
     * sweeper or another runner may already have the job.
     */
    boolean expiredUnconfirmed(long now) {
        return now - confirmedNanos > leaseNanos;
    }

    /**
     * The server confirmed the lease so recently that it cannot have lapsed: measured from the
     * sending of the confirming request (the server renewed it after that), and a small part
     * of the lease at most, so even a server clock running much faster than ours leaves it valid.
     */
    boolean fresh(long now) {
        return now - confirmSentNanos < Math.min(FRESH.toNanos(), leaseNanos / 4);
    }

    long leaseSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(leaseNanos);
    }
}
