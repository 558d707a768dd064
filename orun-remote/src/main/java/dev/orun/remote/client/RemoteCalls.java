package dev.orun.remote.client;

import dev.orun.core.OrunException;
import dev.orun.core.state.StateUnavailableException;
import java.util.function.Supplier;

/** How the state backend turns a failed call to the server into the engine's error. */
final class RemoteCalls {
    private RemoteCalls() {
    }

    static <T> T call(Supplier<T> body) {
        try {
            return body.get();
        } catch (RemoteApiException e) {
            throw unavailable(e);
        }
    }

    /** A 4xx is the caller's mistake (exit 2); anything else is the server's trouble (exit 1). */
    static StateUnavailableException unavailable(RemoteApiException e) {
        int exit = e.status() >= 400 && e.status() < 500 ? OrunException.EXIT_INVALID : OrunException.EXIT_FAILURE;
        return new StateUnavailableException(exit, e.getMessage(), e);
    }
}
