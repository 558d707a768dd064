package dev.orun.cli;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StateBackendSettings;
import dev.orun.core.state.StateBackends;
import dev.orun.exec.RemoteStateRequest;
import dev.orun.remote.auth.OrunAuth;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --remote-state}/{@code --backend-url} for {@code status} and {@code logs}. */
final class RemoteReadOptions {

    @Option(names = "--remote-state", description = "Read the run from an orun backend (needs --exec-id or $ORUN_EXEC_ID)")
    boolean remoteState;

    @Option(names = "--backend-url", paramLabel = "URL", description = "orun backend URL (default: $ORUN_BACKEND_URL)")
    String backendUrl;

    /** The remote read side when asked for, else the local records under {@code orunDir}. */
    RunRecords records(Path orunDir, String execId, Map<String, String> env) {
        return RemoteStateRequest.forReading(remoteState, backendUrl, env, execId,
                        () -> new OrunAuth(env, Clock.systemUTC()).savedBackendUrl().orElse(null))
                .map(options -> {
                    RunRecords remote = StateBackends.find(RemoteStateRequest.BACKEND)
                            .records(new StateBackendSettings(orunDir, options, env));
                    if (remote.find(options.get("execId")).isEmpty()) {
                        throw new InvalidInputException("unknown execution \"" + options.get("execId")
                                + "\" on the backend " + options.get("backendUrl") + " (or not visible to this token)");
                    }
                    return remote;
                })
                .orElseGet(() -> RunLookup.records(orunDir));
    }

    /**
     * Where local records would be. A remote read needs no workspace (status and logs of a shared
     * run work from any directory), so the workspace is looked up only for local records.
     */
    Path orunDir(WorkspaceOptions workspace, Map<String, String> env) {
        return active(env) ? Path.of("").toAbsolutePath().resolve(".orun") : workspace.workspace().orunDir();
    }

    private boolean active(Map<String, String> env) {
        return remoteState || backendUrl != null || "true".equalsIgnoreCase(env.getOrDefault("ORUN_REMOTE_STATE", "").trim());
    }

    /** The exec id the remote read side was opened for ({@code --exec-id}, else {@code ORUN_EXEC_ID}). */
    String execId(String flag, Map<String, String> env) {
        return active(env) && (flag == null || flag.isBlank()) ? env.get("ORUN_EXEC_ID") : flag;
    }
}
