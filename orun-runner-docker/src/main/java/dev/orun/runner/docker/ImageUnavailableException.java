package dev.orun.runner.docker;

import dev.orun.core.OrunException;

/** A job's image cannot be had (missing with pull policy never, or the pull failed). Fails the job. */
public final class ImageUnavailableException extends OrunException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public ImageUnavailableException(String reason) {
        super(EXIT_FAILURE, "docker runner: " + reason);
        this.reason = reason;
    }

    /** The message without the {@code docker runner:} prefix. */
    public String reason() {
        return reason;
    }
}
