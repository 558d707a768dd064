/**
 * Execution state: statuses, the write-side SPI ({@link dev.orun.core.state.StateBackend}, fenced
 * claims with {@link dev.orun.core.state.ClaimToken}), the read-side SPI
 * ({@link dev.orun.core.state.RunRecords}) and their plug-in point
 * ({@link dev.orun.core.state.StateBackendProvider}). The local records (orun-exec) and the remote
 * state client (orun-remote) implement them; the engine and the CLI call them.
 */
package dev.orun.core.state;
