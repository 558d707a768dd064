package dev.orun.remote.auth;

import dev.orun.core.OrunException;
import dev.orun.remote.client.RemoteApiException;
import dev.orun.remote.protocol.OidcExchangeRequest;
import dev.orun.remote.protocol.OidcExchangeResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Inside GitHub Actions: an ID token from the runner's token endpoint
 * ({@code ACTIONS_ID_TOKEN_REQUEST_URL} plus {@code &audience=orun-cloud}, bearer
 * {@code ACTIONS_ID_TOKEN_REQUEST_TOKEN}), exchanged at the backend for a short-lived workflow
 * token bound to one (org, project). The workflow token is reused until 60 s before it expires,
 * then a fresh ID token is exchanged.
 */
public final class GithubOidcTokens implements Supplier<String> {
    /** The audience the backend checks (the original client's and hosted server's value). */
    public static final String AUDIENCE = "orun-cloud";

    private final String requestUrl;
    private final String requestToken;
    private final String orgHint;
    private final AuthHttp backend;
    private final Clock clock;
    private OidcExchangeResponse current;

    GithubOidcTokens(Map<String, String> env, String backendUrl, String orgHint, Clock clock) {
        this.requestUrl = env.get("ACTIONS_ID_TOKEN_REQUEST_URL");
        this.requestToken = env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        this.orgHint = orgHint;
        this.backend = new AuthHttp(backendUrl);
        this.clock = clock;
    }

    /** True when GitHub Actions offers an ID token to this job ({@code permissions: id-token: write}). */
    static boolean available(Map<String, String> env) {
        return "true".equals(env.get("GITHUB_ACTIONS")) && notBlank(env.get("ACTIONS_ID_TOKEN_REQUEST_URL"))
                && notBlank(env.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN"));
    }

    @Override
    public synchronized String get() {
        return exchanged().accessToken();
    }

    /** The current exchange (made now when there is none or it is about to expire). */
    public synchronized OidcExchangeResponse exchanged() {
        if (current == null || current.expiresAt() == null
                || !clock.instant().plusSeconds(60).isBefore(current.expiresAt())) {
            current = exchange(idToken());
        }
        return current;
    }

    private String idToken() {
        String url = requestUrl + (requestUrl.contains("?") ? "&" : "?") + "audience="
                + URLEncoder.encode(AUDIENCE, StandardCharsets.UTF_8);
        AuthHttp.Answer answer;
        try {
            answer = backend.send(HttpRequest.newBuilder(URI.create(url)).GET()
                    .header("Authorization", "Bearer " + requestToken), "the GitHub Actions ID token");
        } catch (RemoteApiException | IllegalArgumentException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, "cannot get a GitHub Actions ID token: " + e.getMessage());
        }
        String value = answer.ok() && answer.body() != null ? answer.body().path("value").asText("") : "";
        if (value.isEmpty()) {
            throw new OrunException(OrunException.EXIT_FAILURE, "cannot get a GitHub Actions ID token: the token endpoint answered "
                    + answer.status() + (answer.ok() ? " without a value" : "") + " (does the workflow have permissions: id-token: write?)");
        }
        return value;
    }

    private OidcExchangeResponse exchange(String idToken) {
        AuthHttp.Answer answer;
        try {
            answer = backend.post("/v1/auth/oidc/exchange", new OidcExchangeRequest(idToken, blankToNull(orgHint)));
        } catch (RemoteApiException e) {
            throw new OrunException(OrunException.EXIT_FAILURE, "OIDC exchange failed: " + e.getMessage());
        }
        if (!answer.ok()) {
            String hint = answer.status() == 404 ? "; is the repository trusted (orun-backend trust add)?" : "";
            throw new OrunException(OrunException.EXIT_FAILURE, answer.error("OIDC exchange").getMessage() + hint);
        }
        OidcExchangeResponse r = answer.as(OidcExchangeResponse.class);
        if (r.accessToken() == null || r.accessToken().isBlank()) {
            throw new OrunException(OrunException.EXIT_FAILURE, "OIDC exchange failed: the backend answered no token");
        }
        return r;
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s : null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
