package dev.orun.core.state;

import dev.orun.core.OrunException;

/**
 * A claimed job's secrets could not be resolved by the state backend: a required one is not stored
 * there, or the backend could not be asked. The job fails before its first step; the message
 * names keys, never values.
 *
 * <p>Thrown by {@link StateBackend#resolveSecrets} in the job's thread.
 */
public class SecretsUnresolvedException extends OrunException {
    private static final long serialVersionUID = 1L;

    public SecretsUnresolvedException(String message) {
        super(EXIT_FAILURE, message);
    }
}
