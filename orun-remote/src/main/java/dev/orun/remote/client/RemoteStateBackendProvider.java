package dev.orun.remote.client;

import dev.orun.core.InvalidInputException;
import dev.orun.core.state.RunRecords;
import dev.orun.core.state.StateBackend;
import dev.orun.core.state.StateBackendProvider;
import dev.orun.core.state.StateBackendSettings;
import dev.orun.remote.auth.RemoteAccess;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The {@code remote} state backend. Options: {@code backendUrl} (required), {@code org},
 * {@code project} (else {@code ORUN_ORG}/{@code ORUN_WORKSPACE}, {@code ORUN_PROJECT}). The credential and
 * the rest of the scope come from {@link RemoteAccess} (OIDC, CLI session, {@code ORUN_TOKEN}).
 */
public final class RemoteStateBackendProvider implements StateBackendProvider {

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public StateBackend open(StateBackendSettings settings, String execId) {
        StateHttp http = http(settings);
        Map<String, String> env = settings.environment();
        String tmp = env.getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir"));
        return new RemoteStateBackend(http, execId, RunIds.runnerId(env), Path.of(tmp));
    }

    @Override
    public RunRecords records(StateBackendSettings settings) {
        return new RemoteRunRecords(http(settings), settings.options().get("execId"));
    }

    static StateHttp http(StateBackendSettings settings) {
        Map<String, String> options = settings.options();
        Map<String, String> env = settings.environment();
        String url = options.get("backendUrl");
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("remote state needs a backend URL: pass --backend-url or set ORUN_BACKEND_URL");
        }
        String org = first(options.get("org"), env.get("ORUN_WORKSPACE"), env.get("ORUN_ORG"));
        String project = first(options.get("project"), env.get("ORUN_PROJECT"));
        Path workspace = settings.orunDir().getParent();
        RemoteAccess access = RemoteAccess.resolve(url, org, project, env, workspace, Clock.systemUTC());
        return new StateHttp(access.backendUrl(), access.org(), access.project(), access.token());
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
