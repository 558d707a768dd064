package dev.orun.remote.auth;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code orun auth status} shows: the session's backend, who, which project, the expiries,
 * and whether the backend accepted it just now. Never a token.
 *
 * @param checked null when the backend was not asked (no session), else what it answered
 */
public record LoginStatus(boolean loggedIn, Path credentials, String backendUrl, String user, String org,
                          String project, Instant accessTokenExpiry, Instant refreshTokenExpiry, String checked) {
}
