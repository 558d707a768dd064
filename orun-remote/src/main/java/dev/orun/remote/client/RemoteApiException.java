package dev.orun.remote.client;

/**
 * The state server answered with an error status. Thrown by {@link StateHttp} in the calling
 * thread; {@code code} is the server's error code (lower case) or one derived from the status.
 */
public final class RemoteApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String serverMessage;

    public RemoteApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** @param serverMessage the error body's own message, or {@code null} */
    public RemoteApiException(int status, String code, String message, String serverMessage) {
        super(message);
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage;
    }

    /** What the server's error body said, without our prefix; {@code null} when it said nothing. */
    public String serverMessage() {
        return serverMessage;
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
