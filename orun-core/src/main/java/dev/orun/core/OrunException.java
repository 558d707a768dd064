package dev.orun.core;

/**
 * Base of every error orun reports to a user. Carries the process exit code the CLI should use, so
 * that embedders and the CLI agree on what kind of failure happened.
 */
public class OrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A job failed. */
    public static final int EXIT_FAILURE = 1;
    /** Bad usage or invalid input: nothing was executed and nothing was written. */
    public static final int EXIT_INVALID = 2;
    /** The run was interrupted (SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;

    private final int exitCode;

    public OrunException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public OrunException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
