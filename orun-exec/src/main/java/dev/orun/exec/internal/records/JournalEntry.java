package dev.orun.exec.internal.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.orun.core.state.Status;
import dev.orun.core.state.StepState;
import java.time.Instant;

/**
 * One line of {@code journal.jsonl}: one transition of one run, appended once and never changed.
 * Unused fields are left out. Kinds:
 * <ul>
 *   <li>{@code open}: a process opened the run (the run is {@code running} again)</li>
 *   <li>{@code claim}: {@code job} granted to {@code holder} ({@code pid}, {@code pidStart},
 *       {@code host}) with lease {@code epoch} until {@code until}</li>
 *   <li>{@code renew}: the holder of {@code job}/{@code epoch} extended its lease to {@code until}</li>
 *   <li>{@code release}: the holder of {@code job}/{@code epoch} gave it up unfinished</li>
 *   <li>{@code step}: {@code step} of {@code job} (held with {@code epoch}) started or ended</li>
 *   <li>{@code end}: {@code job} (held with {@code epoch}) ended with {@code status}, {@code error}</li>
 *   <li>{@code notrun}: {@code job} was never run: {@code status} skipped or cancelled</li>
 *   <li>{@code reset}: {@code job} is forgotten ({@code --retry})</li>
 *   <li>{@code run}: a process finished its part of the run with {@code status}</li>
 * </ul>
 * Readers ignore kinds they do not know, so later versions may add some.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "job", "epoch", "at", "until", "holder", "pid", "pidStart", "host", "status",
        "error", "step"})
public record JournalEntry(String kind, String job, Long epoch, Instant at, Instant until, String holder,
                           Long pid, Instant pidStart, String host, Status status, String error,
                           StepState step) {

    public static final String OPEN = "open";
    public static final String CLAIM = "claim";
    public static final String RENEW = "renew";
    public static final String RELEASE = "release";
    public static final String STEP = "step";
    public static final String END = "end";
    public static final String NOT_RUN = "notrun";
    public static final String RESET = "reset";
    public static final String RUN = "run";

    public static JournalEntry open(Instant at, Holder holder) {
        return new JournalEntry(OPEN, null, null, at, null, holder.id(), holder.pid(), holder.pidStart(),
                holder.host(), null, null, null);
    }

    public static JournalEntry claim(String job, long epoch, Instant at, Instant until, Holder holder) {
        return new JournalEntry(CLAIM, job, epoch, at, until, holder.id(), holder.pid(), holder.pidStart(),
                holder.host(), null, null, null);
    }

    public static JournalEntry renew(String job, long epoch, Instant until) {
        return new JournalEntry(RENEW, job, epoch, null, until, null, null, null, null, null, null, null);
    }

    public static JournalEntry release(String job, long epoch) {
        return new JournalEntry(RELEASE, job, epoch, null, null, null, null, null, null, null, null, null);
    }

    public static JournalEntry step(String job, long epoch, StepState step) {
        return new JournalEntry(STEP, job, epoch, null, null, null, null, null, null, null, null, step);
    }

    public static JournalEntry end(String job, long epoch, Status status, Instant at, String error) {
        return new JournalEntry(END, job, epoch, at, null, null, null, null, null, status, error, null);
    }

    public static JournalEntry notRun(String job, Status status, Instant at, String reason) {
        return new JournalEntry(NOT_RUN, job, null, at, null, null, null, null, null, status, reason, null);
    }

    public static JournalEntry reset(String job) {
        return new JournalEntry(RESET, job, null, null, null, null, null, null, null, null, null, null);
    }

    public static JournalEntry run(Status status, Instant at) {
        return new JournalEntry(RUN, null, null, at, null, null, null, null, null, status, null, null);
    }
}
