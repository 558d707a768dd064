package dev.orun.plan.internal.sources.oci;

/**
 * A problem pulling an OCI composition source. The message is one line and never carries
 * credentials; the caller prefixes it with the intent file, line and source name.
 */
public class OciException extends RuntimeException {

    public OciException(String message) {
        super(message);
    }

    public OciException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The registry could not be reached at all (as opposed to answering with an error). */
    public static final class Unreachable extends OciException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
