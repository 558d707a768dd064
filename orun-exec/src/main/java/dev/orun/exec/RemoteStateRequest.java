package dev.orun.exec;

import dev.orun.core.InvalidInputException;
import dev.orun.core.plan.Plan;
import dev.orun.core.plan.StateSettings;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether a run coordinates through a state server, and with which options: the flag, else
 * {@code ORUN_REMOTE_STATE}/{@code ORUN_BACKEND_URL}, else the intent's
 * {@code execution.state.mode: remote} and {@code backendUrl}, in that priority (see
 * docs/decisions/remote-state-client.md). Asking for remote state without a backend URL is bad
 * input, found before anything runs; the credential is the remote backend's to resolve when it
 * opens (OIDC, CLI session or token; docs/decisions/remote-state-auth.md), also before any job
 * runs. There is never a fallback to local records.
 */
public final class RemoteStateRequest {
    /** The state backend's name. */
    public static final String BACKEND = "remote";

    /** Made on first use: seeding it loads the security providers, which status and logs never need. */
    private static final class RandomSource {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    private RemoteStateRequest() {
    }

    /**
     * The remote backend's options, or empty for local records.
     *
     * @param flag    {@code --remote-state}
     * @param flagUrl {@code --backend-url} (also turns remote state on)
     */
    public static Optional<Map<String, String>> resolve(boolean flag, String flagUrl, Map<String, String> env,
                                                        Plan plan) {
        return resolve(flag, flagUrl, env, plan, () -> null);
    }

    /**
     * As {@link #resolve(boolean, String, Map, Plan)}, with the backend the user saved last
     * ({@code orun auth login}'s, from {@code ~/.orun/config.yaml}) as the lowest-priority URL.
     */
    public static Optional<Map<String, String>> resolve(boolean flag, String flagUrl, Map<String, String> env,
                                                        Plan plan, Supplier<String> savedUrl) {
        StateSettings intent = plan.execution() == null ? null : plan.execution().state();
        boolean intentRemote = intent != null && "remote".equalsIgnoreCase(intent.mode());
        boolean envRemote = "true".equalsIgnoreCase(env.getOrDefault("ORUN_REMOTE_STATE", "").trim());
        boolean on = flag || notBlank(flagUrl) || envRemote || intentRemote;
        if (!on) {
            return Optional.empty();
        }
        String url = notBlank(flagUrl) ? flagUrl
                : notBlank(env.get("ORUN_BACKEND_URL")) ? env.get("ORUN_BACKEND_URL")
                : intent != null && notBlank(intent.backendUrl()) ? intent.backendUrl() : savedUrl.get();
        if (!notBlank(url)) {
            throw new InvalidInputException("remote state needs a backend URL: pass --backend-url, set "
                    + "ORUN_BACKEND_URL, set execution.state.backendUrl in intent.yaml, or run orun auth login");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new InvalidInputException("backend URL must start with http:// or https://, got " + url);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("backendUrl", url);
        putIf(options, "org", firstOf(env.get("ORUN_WORKSPACE"), env.get("ORUN_ORG")));
        putIf(options, "project", env.get("ORUN_PROJECT"));
        return Optional.of(options);
    }

    /**
     * The remote read side's options for {@code status}/{@code logs --remote-state}, or empty for
     * local records. The run is named by its exact execution id ({@code --exec-id} or
     * {@code ORUN_EXEC_ID}): the server keys runs by a digest of it, so there is no prefix lookup.
     */
    public static Optional<Map<String, String>> forReading(boolean flag, String flagUrl, Map<String, String> env,
                                                           String execId) {
        return forReading(flag, flagUrl, env, execId, () -> null);
    }

    /** As {@link #forReading(boolean, String, Map, String)}, falling back to the saved backend URL. */
    public static Optional<Map<String, String>> forReading(boolean flag, String flagUrl, Map<String, String> env,
                                                           String execId, Supplier<String> savedUrl) {
        boolean on = flag || notBlank(flagUrl) || "true".equalsIgnoreCase(env.getOrDefault("ORUN_REMOTE_STATE", "").trim());
        if (!on) {
            return Optional.empty();
        }
        String id = notBlank(execId) ? execId : env.get("ORUN_EXEC_ID");
        if (!notBlank(id)) {
            throw new InvalidInputException("--remote-state needs the run's execution id: pass --exec-id or set ORUN_EXEC_ID");
        }
        String url = notBlank(flagUrl) ? flagUrl : notBlank(env.get("ORUN_BACKEND_URL")) ? env.get("ORUN_BACKEND_URL")
                : savedUrl.get();
        if (!notBlank(url)) {
            throw new InvalidInputException("remote state needs a backend URL: pass --backend-url or set ORUN_BACKEND_URL");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("backendUrl", url);
        options.put("execId", id);
        putIf(options, "org", firstOf(env.get("ORUN_WORKSPACE"), env.get("ORUN_ORG")));
        putIf(options, "project", env.get("ORUN_PROJECT"));
        return Optional.of(options);
    }

    /**
     * The execution id when none was given: {@code gh-{run}-{attempt}-{checksum}} inside GitHub
     * Actions, so every leg of one workflow run joins the same run; else
     * {@code local-{checksum}-{random}}.
     */
    public static String deriveExecId(String planChecksumHex, Map<String, String> env) {
        String shortSum = planChecksumHex.length() > 12 ? planChecksumHex.substring(0, 12) : planChecksumHex;
        if ("true".equals(env.get("GITHUB_ACTIONS")) && notBlank(env.get("GITHUB_RUN_ID"))) {
            return "gh-" + env.get("GITHUB_RUN_ID") + "-" + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1") + "-" + shortSum;
        }
        byte[] b = new byte[4];
        RandomSource.SOURCE.nextBytes(b);
        return "local-" + shortSum + "-" + HexFormat.of().formatHex(b);
    }

    private static void putIf(Map<String, String> options, String key, String value) {
        if (notBlank(value)) {
            options.put(key, value);
        }
    }

    private static String firstOf(String a, String b) {
        return notBlank(a) ? a : b;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
