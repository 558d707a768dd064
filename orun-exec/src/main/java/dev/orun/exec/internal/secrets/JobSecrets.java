package dev.orun.exec.internal.secrets;

import dev.orun.core.plan.Job;
import dev.orun.core.plan.Job.SecretRef;
import dev.orun.core.runner.Masker;
import dev.orun.core.state.ClaimToken;
import dev.orun.core.state.StateBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A claimed job's secret values: those found on this machine before the run, then — when the
 * state backend holds secrets — the rest asked from it under the job's claim. A value found here
 * wins (docs/decisions/remote-secrets.md). Every value is registered with the job's masker before
 * it is handed out, so no step output can show it.
 */
public final class JobSecrets {

    private JobSecrets() {
    }

    /**
     * The job's secrets by env var name.
     *
     * @param local the values found on this machine, by env var name
     * @throws dev.orun.core.state.SecretsUnresolvedException when the backend lacks a required one
     */
    public static Map<String, String> resolve(Job job, Map<String, String> local, StateBackend state,
                                              ClaimToken claim, Masker masker) {
        Map<String, String> values = new TreeMap<>(local);
        List<SecretRef> unresolved = job.secretRefs().stream().filter(r -> !local.containsKey(r.asEnv())).toList();
        if (!unresolved.isEmpty() && state != null && state.resolvesSecrets()) {
            List<String> required = new ArrayList<>();
            List<String> optional = new ArrayList<>();
            for (SecretRef ref : unresolved) {
                (ref.optional() ? optional : required).add(ref.ref());
            }
            Map<String, String> fetched = state.resolveSecrets(claim, List.copyOf(required), List.copyOf(optional));
            for (SecretRef ref : unresolved) {
                String value = fetched.get(ref.ref());
                if (value != null) {
                    values.put(ref.asEnv(), value);
                }
            }
        }
        values.values().forEach(value -> SecretMasks.register(masker, value));
        return values;
    }
}
