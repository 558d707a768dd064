package dev.orun.remote.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orun.remote.protocol.Session;
import java.time.Instant;

/**
 * The CLI session as {@code credentials.json} keeps it: the tokens with their expiries, who it
 * is, the backend it was minted by and the (org, project) it was approved for.
 * {@link #toString()} leaves both tokens out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredSession(
        String backendUrl,
        String accessToken,
        Instant accessTokenExpiry,
        String refreshToken,
        Instant refreshTokenExpiry,
        String user,
        String org,
        String project) {

    /** A session the backend answered, for {@code backendUrl}; keeps {@code previousRefresh} when no new one came. */
    static StoredSession from(String backendUrl, Session s, String previousRefresh, Instant previousRefreshExpiry) {
        String org = s.orgs() == null || s.orgs().isEmpty() ? null : s.orgs().get(0).id();
        String user = s.user() == null ? null : firstNonBlank(s.user().email(), s.user().displayName(), s.user().id());
        boolean rotated = s.refreshToken() != null && !s.refreshToken().isBlank();
        return new StoredSession(BackendUrls.normalise(backendUrl), s.accessToken(), s.expiresAt(),
                rotated ? s.refreshToken() : previousRefresh,
                rotated ? s.refreshExpiresAt() : previousRefreshExpiry, user, org, s.projectId());
    }

    /** The access token is unusable from {@code now} on (60 s early, so a request never races the expiry). */
    boolean accessExpiresSoon(Instant now) {
        return accessTokenExpiry == null || !now.plusSeconds(60).isBefore(accessTokenExpiry);
    }

    boolean isFor(String url) {
        return backendUrl != null && BackendUrls.normalise(url).equals(backendUrl);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "StoredSession[backendUrl=" + backendUrl + ", user=" + user + ", org=" + org + ", project=" + project
                + ", accessTokenExpiry=" + accessTokenExpiry + ", refreshTokenExpiry=" + refreshTokenExpiry
                + ", tokens=***]";
    }
}
