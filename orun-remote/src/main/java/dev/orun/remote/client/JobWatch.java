package dev.orun.remote.client;

import dev.orun.core.state.JobState;
import dev.orun.core.state.Status;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.EventPage;
import dev.orun.remote.protocol.JobList;
import dev.orun.remote.protocol.RunJobView;
import dev.orun.remote.protocol.WireEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a runner learns that jobs others hold have moved on: it follows the run's event log with the
 * server's long-poll and wakes the moment an event arrives. Every event read is folded into a small
 * memory of the run — which jobs succeeded (final: a succeeded job is never re-opened), and the
 * last kind of event seen per job — so a job waited for that succeeded is answered from that
 * memory, without a read of the job list. The list is read only when the answer needs the
 * server's view: a job failed somewhere (its dependents are skipped), a lease lapsed or a job was
 * re-opened, a job first waited for that nothing is known about, and, as a fallback, when no
 * event has settled anything for {@link #FALLBACK} (a second server instance's commits, a lease
 * lapse the sweeper has not logged yet). Decision: docs/decisions/remote-state-client.md.
 */
final class JobWatch {
    private static final Duration LONG_POLL_MAX = Duration.ofSeconds(25);
    /** Read the job list at least this often while waiting, whatever the event log says. */
    static final Duration FALLBACK = Duration.ofSeconds(10);
    /**
     * How long events gather before the next long-poll after one that changed nothing for this
     * runner: while it only learns (its job slots are busy, nothing is waited for), what it learns
     * is needed only when a slot frees up, and a claim on stale knowledge costs one refused claim;
     * while it waits for a job held elsewhere, the job's end is handed over this much later.
     */
    private static final Duration LEARNING_BATCH = Duration.ofMillis(250);
    private static final Duration WAITING_BATCH = Duration.ofMillis(50);

    private final StateHttp http;
    private final String runPath;
    private final Map<String, JobState> succeeded = new ConcurrentHashMap<>();
    private final Map<String, String> lastKind = new ConcurrentHashMap<>();
    private final Map<String, Instant> claimedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    /** The runner the log last said claimed each job (until the job's next change of state). */
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final Set<String> seenHeld = ConcurrentHashMap.newKeySet();
    private volatile Set<String> lastWaited = Set.of();
    private volatile long eventCursor; // written under this object's lock
    private volatile long lastListRead = System.nanoTime();

    JobWatch(StateHttp http, String runPath) {
        this.http = http;
        this.runPath = runPath;
    }

    /** A claim found the job held by another runner: waiting for it ends when it ends or is let go. */
    void held(String jobId) {
        seenHeld.add(jobId);
    }

    /** This runner completed the job successfully. */
    void succeededHere(String jobId, int attempt, Instant startedAt, Instant finishedAt) {
        succeeded.put(jobId, new JobState(jobId, Status.SUCCEEDED, attempt, startedAt, finishedAt, null, List.of()));
    }

    /** The job's state when it is known to have succeeded, else null. */
    JobState knownSucceeded(String jobId) {
        return succeeded.get(jobId);
    }

    /**
     * The jobs waited for that can be acted on; see {@link dev.orun.core.state.StateBackend#awaitJobs}.
     * With no jobs it only follows the log for {@code timeout} (learning which jobs succeeded).
     */
    Map<String, JobState> await(Collection<String> jobIds, Duration timeout) throws InterruptedException {
        Set<String> before = lastWaited;
        lastWaited = Set.copyOf(jobIds);
        Map<String, JobState> out = succeededAmong(jobIds);
        boolean read = !jobIds.isEmpty() && System.nanoTime() - lastListRead > FALLBACK.toNanos();
        for (String id : jobIds) {
            // a job newly waited for may have changed while nobody looked, unless all the log said of
            // it since is that it was claimed (the holder this runner just met)
            read |= !before.contains(id) && !succeeded.containsKey(id) && !quietlyHeld(id);
        }
        if (read) {
            out.putAll(actionable(jobIds));
        }
        if (!out.isEmpty()) {
            return out;
        }
        long waitSeconds = Math.max(1, Math.min(timeout.toSeconds(), LONG_POLL_MAX.toSeconds()));
        List<WireEvent> fresh = readLog(waitSeconds);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        boolean relevant = fresh == null;
        if (fresh != null) {
            for (WireEvent e : fresh) {
                relevant |= needsRead(e, jobIds);
            }
        }
        if (fresh != null && !fresh.isEmpty() && jobIds.isEmpty()) {
            // only learning (nobody waits on the answer): let events gather for a moment, so eight
            // runners do not each send a request for every single event of a busy run
            Thread.sleep(LEARNING_BATCH.toMillis());
        }
        out = succeededAmong(jobIds);
        if (!jobIds.isEmpty() && (relevant || System.nanoTime() - lastListRead > FALLBACK.toNanos())) {
            out.putAll(actionable(jobIds));
        }
        if (out.isEmpty() && fresh != null && !fresh.isEmpty() && !jobIds.isEmpty()) {
            // woken by other jobs' events: gather a few more before asking again, rather than one
            // long-poll per event of a busy run (an event for a job waited for is then this late)
            Thread.sleep(WAITING_BATCH.toMillis());
        }
        return out;
    }

    /**
     * Reads what the log recorded since this runner last looked, without waiting, and folds it in:
     * a claim the server refused because the job already ended is usually explained by a few
     * events, far cheaper than the whole job list.
     */
    void catchUp() {
        readLog(0);
    }

    /**
     * Whether the log's last word on the job is that another runner claimed it (not succeeded,
     * failed, expired or re-opened since): a claim now would only be told "held".
     */
    boolean heldByAnother(String jobId, String self) {
        String holder = holders.get(jobId);
        return holder != null && !holder.equals(self) && !succeeded.containsKey(jobId)
                && WireEvent.JOB_CLAIMED.equals(lastKind.get(jobId));
    }

    /**
     * One read of the log from the cursor ({@code wait} seconds of long-poll, 0 for none), folded
     * into the memory; the events not seen before, or null when the memory was dropped (the log is
     * shorter than what this runner saw: another server's database), so the caller reads the list.
     */
    private List<WireEvent> readLog(long waitSeconds) {
        long from = eventCursor;
        String query = runPath + "/log?from=" + from + (waitSeconds > 0 ? "&wait=" + waitSeconds : "");
        EventPage page = RemoteCalls.call(() -> http.json(StateHttp.Call.get(query, ContractVersion.COORDINATION)
                .timeout(StateHttp.REQUEST_TIMEOUT.plusSeconds(waitSeconds)), EventPage.class));
        return absorb(page);
    }

    /**
     * Folds a page in order, skipping what an overlapping read (the waiter's long-poll and a job
     * thread's catch-up may run at once) already folded, so a job's last kind never goes back.
     */
    private synchronized List<WireEvent> absorb(EventPage page) {
        List<WireEvent> events = page.events() == null ? List.of() : page.events();
        if (events.isEmpty() && page.head() != null && page.head().seq() < eventCursor) {
            succeeded.clear();
            lastKind.clear();
            holders.clear();
            eventCursor = page.head().seq();
            return null;
        }
        List<WireEvent> fresh = new java.util.ArrayList<>(events.size());
        for (WireEvent e : events) {
            if (e.seq() > eventCursor) {
                fold(e);
                fresh.add(e);
                eventCursor = e.seq();
            }
        }
        return fresh;
    }

    /** The server's view of every job (one read of the job list), remembering the succeeded ones. */
    Map<String, RunJobView> views() {
        JobList list = RemoteCalls.call(() -> http.json(StateHttp.Call.get(runPath + "/jobs", ContractVersion.REST),
                JobList.class));
        lastListRead = System.nanoTime();
        Map<String, RunJobView> byId = new LinkedHashMap<>();
        for (RunJobView j : list.jobs()) {
            byId.put(j.jobId(), j);
            if (JobStatuses.toStatus(j.status()) == Status.SUCCEEDED) {
                succeeded.putIfAbsent(j.jobId(), JobStatuses.toJobState(j));
            }
        }
        return byId;
    }

    private boolean quietlyHeld(String id) {
        String kind = lastKind.get(id);
        return seenHeld.contains(id) && (kind == null || WireEvent.JOB_CLAIMED.equals(kind));
    }

    private Map<String, JobState> succeededAmong(Collection<String> jobIds) {
        Map<String, JobState> out = new LinkedHashMap<>();
        for (String id : jobIds) {
            JobState done = succeeded.get(id);
            if (done != null) {
                seenHeld.remove(id);
                out.put(id, done);
            }
        }
        return out;
    }

    private void fold(WireEvent e) {
        if (e.jobId() == null || WireEvent.JOB_LEASE_RENEWED.equals(e.kind())
                || WireEvent.JOB_LOG_CHUNK.equals(e.kind())) {
            return;
        }
        lastKind.put(e.jobId(), e.kind());
        if (WireEvent.JOB_CLAIMED.equals(e.kind())) {
            claimedAt.put(e.jobId(), e.at());
            if (e.payload() != null && e.payload().get("attempt") instanceof Number n) {
                attempts.put(e.jobId(), n.intValue());
            }
            if (e.payload() != null && e.payload().get("runnerId") instanceof String runner) {
                holders.put(e.jobId(), runner);
            }
        } else if (WireEvent.JOB_SUCCEEDED.equals(e.kind()) || WireEvent.JOB_MEMOIZED.equals(e.kind())) {
            Instant started = claimedAt.getOrDefault(e.jobId(), e.at());
            succeeded.putIfAbsent(e.jobId(), new JobState(e.jobId(), Status.SUCCEEDED,
                    attempts.getOrDefault(e.jobId(), 1), started, e.at(), null, List.of()));
        }
    }

    /**
     * Whether an event can change the answer for the jobs waited for beyond what {@link #fold}
     * learns: a run-wide event, a failure anywhere (it ends the wait of its dependents), or any
     * change of a job waited for other than being claimed, renewed, logged to or succeeding.
     */
    private static boolean needsRead(WireEvent e, Collection<String> jobIds) {
        if (e.jobId() == null || WireEvent.JOB_FAILED.equals(e.kind())) {
            return true;
        }
        return jobIds.contains(e.jobId()) && !WireEvent.JOB_LEASE_RENEWED.equals(e.kind())
                && !WireEvent.JOB_LOG_CHUNK.equals(e.kind()) && !WireEvent.JOB_CLAIMED.equals(e.kind())
                && !WireEvent.JOB_SUCCEEDED.equals(e.kind()) && !WireEvent.JOB_MEMOIZED.equals(e.kind());
    }

    /** Jobs that ended (or can never run), or that their holder let go (so they may be claimed again). */
    private Map<String, JobState> actionable(Collection<String> jobIds) {
        Map<String, RunJobView> views = views();
        Map<String, JobState> states = JobStatuses.effective(views);
        Map<String, JobState> out = new LinkedHashMap<>();
        for (String id : jobIds) {
            JobState state = states.get(id);
            if (state == null) {
                continue;
            }
            // a lapsed lease is the server's to judge (its clock): its sweeper re-queues the job
            boolean released = state.status() == Status.PENDING && seenHeld.remove(id);
            if (state.status().isTerminal() || released) {
                out.put(id, state);
            }
        }
        return out;
    }
}
