package dev.orun.remote.client;

/**
 * The state server answered with an error status. Thrown by {@link StateHttp} in the calling
 * thread; {@code code} is the server's error code (lower case) or one derived from the status.
 */
public final class RemoteApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public RemoteApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Worth another attempt: server errors and rate limiting; never other 4xx. */
    public boolean retryable() {
        return status >= 500 || status == 429;
    }
}
