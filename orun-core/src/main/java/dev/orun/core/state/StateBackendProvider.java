package dev.orun.core.state;

/**
 * A kind of state backend, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.orun.core.state.StateBackendProvider}. {@link StateBackends#find}
 * selects the provider whose {@link #name()} a user asked for ({@code file} by default,
 * {@code remote} for a state server).
 *
 * <p><b>Implemented by</b> orun-exec ({@code file}) and orun-remote ({@code remote}).
 * <b>Called by</b> the embedding API in orun-exec (write side, the thread starting a run) and by
 * the CLI's {@code status}/{@code logs} commands (read side, their main thread).
 */
public interface StateBackendProvider {

    /** The name users select the backend by, e.g. {@code file} or {@code remote}. */
    String name();

    /** The write side for one execution; nothing is created before {@link StateBackend#open}. */
    StateBackend open(StateBackendSettings settings, String execId);

    /** The read side over every run this backend knows of (for {@code status} and {@code logs}). */
    RunRecords records(StateBackendSettings settings);
}
