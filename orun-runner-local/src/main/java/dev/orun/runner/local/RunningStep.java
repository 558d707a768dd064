package dev.orun.runner.local;

import java.io.IOException;
import java.io.InputStream;

/** A started step: its output (stdout and stderr together), its end, and a way to stop its process tree. */
interface RunningStep {

    /** The step's output until every process holding it has ended; read by one pump thread. */
    InputStream output() throws IOException, InterruptedException;

    /** Waits for the step's own process; {@code timeoutMillis < 0} waits for good. True once it ended. */
    boolean waitFor(long timeoutMillis) throws InterruptedException;

    /** The exit status (128 + signal when killed); only after {@link #waitFor} returned true. */
    int exitValue();

    /** The step's process ended: stop what it left running, where the sandbox does not. */
    void stopLeftovers();

    /** Terminates the step's whole process tree: TERM, then KILL after a grace period. */
    void destroyTree();

    /** Orun is done with the step (its output read or abandoned). */
    default void release() {
    }
}
