package dev.orun.core.event;

import dev.orun.core.state.Status;
import java.time.Duration;
import java.time.Instant;

/**
 * What the engine tells listeners while a run progresses. <b>Made by</b> the engine only (the
 * interface is sealed); renderers and embedders consume these through a {@link ProgressListener}
 * (see there for the threads each kind arrives on). Events are immutable.
 */
public sealed interface ProgressEvent {

    Instant at();

    /** The run began; {@code jobIds} are the jobs selected, in a valid execution order. */
    record RunStarted(Instant at, String execId, String planId, String runner,
                      java.util.List<String> jobIds, int concurrency) implements ProgressEvent {
    }

    /**
     * A job was not run because this execution already recorded it as succeeded (resume), or
     * another process sharing the execution id ran it.
     */
    record JobReused(Instant at, String jobId, Status status) implements ProgressEvent {
    }

    record JobStarted(Instant at, String jobId, int attempt) implements ProgressEvent {
    }

    record StepStarted(Instant at, String jobId, String stepId) implements ProgressEvent {
    }

    /** One line of a step's output, without its line terminator. */
    record StepOutput(Instant at, String jobId, String stepId, String line) implements ProgressEvent {
    }

    /**
     * A collapsible group of a step's output lines starts ({@code opened}, its title line follows
     * as the next {@link StepOutput}) or ends ({@code opened} false, {@code title} null).
     */
    record OutputGroup(Instant at, String jobId, String stepId, String title, boolean opened)
            implements ProgressEvent {
    }

    record StepFinished(Instant at, String jobId, String stepId, Status status, int exitCode,
                        Duration duration, String error) implements ProgressEvent {
    }

    /** A step raised a notice, warning or error about a place in the source. */
    record AnnotationRaised(Instant at, String jobId, String stepId,
                            dev.orun.core.state.Annotation annotation) implements ProgressEvent {
    }

    record JobFinished(Instant at, String jobId, Status status, Duration duration, String error)
            implements ProgressEvent {
    }

    /** Something the user should know about how the run works, said once (e.g. an isolation fallback). */
    record Notice(Instant at, String message) implements ProgressEvent {
    }

    record RunFinished(Instant at, String execId, Status status, Duration duration)
            implements ProgressEvent {
    }
}
