package dev.orun.core.state;

import dev.orun.core.OrunException;

/**
 * The state backend could not record a transition (a full disk, a read-only {@code .orun}, an
 * unreachable state server), so the run cannot go on safely. Thrown by the engine in orun-exec
 * from the thread that runs the execution, after stopping every job; the message is one line
 * naming what failed and why. Exit code 1 when jobs already ran, 2 when nothing ran.
 */
public class StateUnavailableException extends OrunException {
    private static final long serialVersionUID = 1L;

    public StateUnavailableException(int exitCode, String message, Throwable cause) {
        super(exitCode, message.replace('\n', ' '), cause);
    }
}
