package dev.orun.core.runner;

/**
 * A step's output stream that can mark collapsible groups of lines (GitHub's
 * {@code ::group::title} … {@code ::endgroup::}). <b>Implemented by</b> the engine's step output
 * sink; a runner checks {@code request.output() instanceof OutputGroups} and calls these around
 * the lines it writes, on the thread that writes them. The lines themselves (the title line
 * included) are written to the stream as usual; these calls only tell views where a group starts
 * and ends, so a live view can collapse it.
 */
public interface OutputGroups {

    /** The lines written from now on belong to a group called {@code title}. */
    void groupStarted(String title);

    /** The innermost open group ends. */
    void groupEnded();
}
