package dev.orun.remote.client;

import dev.orun.core.plan.Job.SecretRef;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.LeaseLostException;
import dev.orun.core.state.SecretsUnresolvedException;
import dev.orun.remote.protocol.ContractVersion;
import dev.orun.remote.protocol.ResolveSecretsRequest;
import dev.orun.remote.protocol.ResolveSecretsResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the state server for a claimed job's secrets ({@code POST …/runs/{runId}/secrets/resolve},
 * bound to the job's lease). Like the Go client: its own timeout of two minutes and three
 * attempts, retried only when the server could not be reached — an answer, even an error, is final
 * (docs/decisions/remote-secrets.md). Values never reach an exception message.
 */
final class RemoteSecrets {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ATTEMPTS = 3;

    private final StateHttp http;
    private final String runPath;
    private final String runnerId;

    RemoteSecrets(StateHttp http, String runId, String runnerId) {
        this.http = http;
        this.runPath = "/runs/" + runId;
        this.runnerId = runnerId;
    }

    /** The values by reference: all of {@code refs}, and those of {@code optionalRefs} the server has. */
    Map<String, String> resolve(ClaimToken token, List<String> refs, List<String> optionalRefs) {
        if (refs.isEmpty() && optionalRefs.isEmpty()) {
            return Map.of();
        }
        ResolveSecretsRequest request = new ResolveSecretsRequest(runnerId, token.jobId(), token.epoch(), refs,
                optionalRefs.isEmpty() ? null : optionalRefs);
        ResolveSecretsResponse answer = send(token, request);
        Map<String, String> byKey = answer.secrets() == null ? Map.of() : answer.secrets();
        Map<String, String> byRef = new HashMap<>();
        for (List<String> group : List.of(refs, optionalRefs)) {
            for (String ref : group) {
                String value = byKey.get(SecretRef.keyOf(ref));
                if (value != null) {
                    byRef.put(ref, value);
                }
            }
        }
        for (String ref : refs) {
            if (!byRef.containsKey(ref)) {
                throw new SecretsUnresolvedException("the state server sent no value for " + SecretRef.keyOf(ref));
            }
        }
        return byRef;
    }

    private ResolveSecretsResponse send(ClaimToken token, ResolveSecretsRequest request) {
        StateHttp.Call call = StateHttp.Call.post(runPath + "/secrets/resolve", request, ContractVersion.REST, false)
                .timeout(TIMEOUT);
        for (int attempt = 1; ; attempt++) {
            try {
                return http.json(call, ResolveSecretsResponse.class);
            } catch (RemoteApiException e) {
                if (e.status() == 409) {
                    throw new LeaseLostException(token, "the state server no longer gives this runner the job");
                }
                if (e.status() != 0 || attempt >= ATTEMPTS) {
                    throw new SecretsUnresolvedException(describe(e));
                }
                StateHttp.sleep(StateHttp.backoff(attempt));
            }
        }
    }

    /** The server's own words when it gave any ("secret DB_PASSWORD not set in project acme/web"). */
    private static String describe(RemoteApiException e) {
        String said = e.serverMessage();
        if (e.status() == 404 && said != null && said.startsWith("secret")) {
            return said + " on the state server (store it with `orun-backend secret set`)";
        }
        return e.getMessage();
    }
}
