package dev.orun.core.event;

/**
 * Receives progress events. Called from the engine's job threads, possibly concurrently, so
 * implementations synchronise what they share; they must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    void onEvent(ProgressEvent event);

    static ProgressListener none() {
        return event -> { };
    }
}
