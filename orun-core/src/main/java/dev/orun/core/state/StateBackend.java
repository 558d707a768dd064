package dev.orun.core.state;

import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The write side of an execution's state: the local records under {@code .orun/executions/} or a
 * remote state server. The engine reports every transition through this interface and never
 * touches storage itself, so a worker on another machine sees the same run.
 *
 * <p><b>Implemented by</b> state backends ({@code FileStateBackend} in orun-exec, the remote
 * client in orun-remote), created by a {@link StateBackendProvider}. <b>Called by</b> the engine
 * in orun-exec: {@link #peek}, {@link #open}, {@link #resetJob}, {@link #finish} and
 * {@link #close} from the thread that runs the execution; {@link #claim}, {@link #resolveSecrets}, the step
 * transitions, {@link #openLog}, {@link #jobFinished} and {@link #jobNotRun} from job threads (concurrently,
 * for different jobs); {@link #heartbeat} from one heartbeat thread; {@link #awaitJobs} from one
 * waiter thread; {@link #read} from any of them. Implementations must therefore be thread-safe,
 * and correct when several processes (or machines) share one execution id: a job is run only by
 * the holder of its current claim.
 *
 * <h2>Claims and fencing</h2>
 * {@link #claim} grants a job with a lease and a {@link ClaimToken} whose epoch strictly
 * increases per job. Every later write for the job passes the token back; a write with a stale
 * token (the lease lapsed and someone else took over, or the job was reset) is refused with
 * {@link LeaseLostException}, so a slow or partitioned former holder can never record a
 * transition over the new holder's. Recording the end of a job that already ended is a no-op
 * (idempotent), whoever asks.
 */
public interface StateBackend extends AutoCloseable {

    /**
     * Creates the run, or joins the existing one with the same id (resume, or another worker).
     * Refuses, with an {@link dev.orun.core.InvalidInputException}, a run whose recorded plan
     * checksum differs from {@code run.plan()}'s.
     *
     * @return the state as recorded so far (all jobs pending for a new run)
     */
    RunState open(RunDescriptor run);

    /**
     * The state recorded so far for this run, without creating or changing anything; a pending,
     * job-less state when the run does not exist yet. The engine validates a selection against it
     * before {@link #open} so that bad input leaves nothing written. Backends that cannot tell
     * return empty, and the engine then validates after {@link #open}.
     */
    default Optional<RunState> peek() {
        return Optional.empty();
    }

    /**
     * Forgets a job's recorded state and logs so it runs again ({@code --retry}). Refused with
     * {@link dev.orun.core.InvalidInputException} while another live worker holds the job.
     */
    void resetJob(String jobId);

    /**
     * Claims a job with a lease of {@code lease}. A job that is not terminal and not held by a
     * live worker with an unexpired lease is granted (a new epoch); a job recorded
     * {@code succeeded} or {@code failed} is {@code ALREADY_DONE}.
     */
    ClaimResult claim(String jobId, Duration lease);

    /**
     * Extends the lease of a job the caller holds.
     *
     * @throws LeaseLostException when {@code token} is no longer the job's current claim; the
     *                            caller must stop the job's steps at once
     */
    void heartbeat(ClaimToken token, Duration lease);

    /**
     * How often the engine should call {@link #heartbeat} for each job it holds: ten seconds by
     * default; a state server's own cadence for a remote backend. Asked before every tick.
     */
    default Duration heartbeatInterval() {
        return Duration.ofSeconds(10);
    }

    /** @throws LeaseLostException when {@code token} is stale */
    void stepStarted(ClaimToken token, String stepId, Instant at);

    /** @throws LeaseLostException when {@code token} is stale */
    void stepFinished(ClaimToken token, StepState step);

    /**
     * The sink for a step's raw output. The caller closes it when the step ends. Implementations
     * must keep paths inside the execution's own directory whatever the ids contain.
     *
     * @throws LeaseLostException when {@code token} is stale
     */
    OutputStream openLog(ClaimToken token, String stepId);

    /**
     * Rewrites the stored log of a step whose sink was closed, e.g. to mask a value a later
     * {@code ::add-mask::} named. Returns whether the stored text changed; a backend that has
     * already shipped the log elsewhere cannot rewrite it and returns {@code false}.
     *
     * @throws LeaseLostException when {@code token} is stale
     */
    default boolean rewriteLog(ClaimToken token, String stepId,
                               java.util.function.UnaryOperator<String> rewrite) {
        return false;
    }

    /**
     * Records a claimed job's end: succeeded, failed or cancelled, and releases the claim. A job
     * already terminal stays as it is (the call is a no-op), so a repeated call is harmless.
     *
     * @throws LeaseLostException when the job is not terminal and {@code token} is stale
     */
    void jobFinished(ClaimToken token, Status status, Instant at, String error);

    /**
     * Records a job this caller never claimed as {@code skipped} or {@code cancelled} (fail-fast,
     * a failed dependency, an interrupted run). Leaves a job alone that another live worker holds
     * or that already succeeded or failed.
     *
     * @return whether the status was recorded
     */
    boolean jobNotRun(String jobId, Status status, Instant at, String reason);

    /**
     * Waits until at least one of {@code jobIds} can be acted on again: it ended, or it is no
     * longer held by a live worker (so it may be claimed), or — for {@code NOT_READY} waits — it
     * succeeded. Returns early with those jobs' current states; returns an empty map when
     * {@code timeout} passed first. A remote backend implements it as a long-poll; it must not
     * busy-wait.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the run is cancelled)
     */
    Map<String, JobState> awaitJobs(Collection<String> jobIds, Duration timeout) throws InterruptedException;

    /**
     * Whether this backend orders jobs itself (a state server grants a job only once its
     * dependencies succeeded), so a selected job whose unselected dependency has not even started
     * yet is waited for instead of refused: several processes, each given one job, may be started
     * at once in any order.
     */
    default boolean coordinatesDependencies() {
        return false;
    }

    /**
     * Values this backend holds that no job output may show (a state server's bearer token, and
     * what it was obtained with): the engine masks them in every job's logs, console and
     * {@code --json} output, like the secrets a runner masks. Asked once per job.
     */
    default Collection<String> secretValues() {
        return List.of();
    }

    /**
     * Whether this backend holds secret values for the run's jobs (a state server storing the
     * project's secrets). When it does, a required secret not found on this machine is no error
     * before the run: the job asks {@link #resolveSecrets} once it holds its claim
     * (docs/decisions/remote-secrets.md).
     */
    default boolean resolvesSecrets() {
        return false;
    }

    /**
     * The values of a claimed job's secret references, by reference: every one of {@code refs},
     * and those of {@code optionalRefs} the backend has. Called from the job's thread after the
     * claim and before the job's first step.
     *
     * @throws SecretsUnresolvedException when a required reference has no value or the backend
     *                                    cannot be asked; the job fails before any step runs
     * @throws LeaseLostException         when {@code token} is stale
     */
    default Map<String, String> resolveSecrets(ClaimToken token, List<String> refs, List<String> optionalRefs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        throw new SecretsUnresolvedException("this state backend holds no secrets");
    }

    /** The current state, as every worker sharing the run sees it. */
    RunState read();

    /** One job's current state; backends override it when that is cheaper than a whole {@link #read}. */
    default JobState readJob(String jobId) {
        return read().job(jobId);
    }

    /**
     * Several jobs' current states, in the order asked (pending for a job nothing was recorded
     * for). The engine asks this for a job's dependencies as the job starts; a backend whose
     * {@link #read} costs O(jobs) overrides it, or a run pays O(jobs) per job.
     */
    default Map<String, JobState> readJobs(Collection<String> jobIds) {
        RunState all = read();
        Map<String, JobState> states = new LinkedHashMap<>();
        for (String jobId : jobIds) {
            states.put(jobId, all.job(jobId));
        }
        return states;
    }

    /** Records the end of this worker's part of the run. */
    void finish(Status status, Instant at);

    @Override
    void close();
}
