package dev.orun.core.event;

/**
 * Receives progress events.
 *
 * <p><b>Implemented by</b> the CLI's renderers and by embedders; <b>called by</b> the engine.
 * <b>Threads:</b> {@code RunStarted} and {@code RunFinished} come from the thread that runs the
 * execution, job and step events from the job threads, and {@code StepOutput} from the thread
 * the runner reads the step's output with — several at once, so implementations synchronise what
 * they share. They must return quickly: a slow listener slows the steps down.
 */
@FunctionalInterface
public interface ProgressListener {

    void onEvent(ProgressEvent event);

    static ProgressListener none() {
        return event -> { };
    }
}
