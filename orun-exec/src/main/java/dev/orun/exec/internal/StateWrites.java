package dev.orun.exec.internal;

import dev.orun.core.OrunException;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.StateUnavailableException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Calls into the state backend from the engine. A write that fails for a reason other than a lost
 * lease or bad input (a full disk, a read-only directory) becomes a
 * {@link StateUnavailableException}, which the engine treats as fatal for the whole run: it
 * cannot record what happens, so it stops rather than run on blind (and never hangs waiting for
 * a job whose end could not be recorded).
 */
final class StateWrites {

    private StateWrites() {
    }

    static void run(Runnable write) {
        get(() -> {
            write.run();
            return null;
        });
    }

    static <T> T get(Supplier<T> call) {
        try {
            return call.get();
        } catch (LeaseLostException | StateUnavailableException e) {
            throw e;
        } catch (OrunException e) {
            throw e;
        } catch (UncheckedIOException e) {
            throw new StateUnavailableException(OrunException.EXIT_FAILURE, oneLine(e), e);
        }
    }

    private static String oneLine(UncheckedIOException e) {
        String message = e.getMessage() == null ? String.valueOf(e.getCause()) : e.getMessage();
        return message.replace('\n', ' ');
    }
}
